# An app made outside Terraform (by the classic Go SDK), brought under it by
# `terraform import alicloud_api_gateway_app.imported <AppId>`; the configuration matches what
# was made, so the plan after the import must show no changes.
terraform {
  required_providers {
    alicloud = {
      source  = "aliyun/alicloud"
      version = "1.214.0"
    }
  }
}

variable "endpoint" {
  description = "The mock's HOST:PORT"
  type        = string
}

provider "alicloud" {
  access_key             = "testid"
  secret_key             = "testsecret"
  region                 = "cn-hangzhou"
  protocol               = "HTTP"
  skip_region_validation = true
  endpoints {
    apigateway = var.endpoint
  }
}

resource "alicloud_api_gateway_app" "imported" {
  name        = "tf_imported_app"
  description = "made outside Terraform"
}
