# What scripts/terraform/run.sh applies against the mock: the provider as a user configures it
# for the mock (endpoint, protocol, credentials, region), and the API Gateway resources whose
# families the mock serves.
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

variable "app_description" {
  description = "Changed by the second apply, to go through ModifyApp"
  type        = string
  default     = "made by Terraform: a+b=c & d/e (f) 'g' !h ~i *j 100% 中文描述"
}

variable "app_tags" {
  description = "Changed by the second apply, to go through UntagResources and TagResources"
  type        = map(string)
  default = {
    env             = "compat test"
    "owner * ~ + /" = "值 = 负责人 / a+b"
  }
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

resource "alicloud_api_gateway_app" "app" {
  name        = "tf_compat_应用"
  description = var.app_description
  tags        = var.app_tags
}

resource "alicloud_api_gateway_group" "group" {
  name        = "tf_compat_group"
  description = "made by Terraform: 分组 & a+b=c"
}

output "group_id" {
  value = alicloud_api_gateway_group.group.id
}

output "app_id" {
  value = alicloud_api_gateway_app.app.id
}
