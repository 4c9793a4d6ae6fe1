# What scripts/terraform/run.sh applies for app-to-API authorization: an app attached to an
# API that was never deployed, in PRE (as the provider's acceptance test does) and in RELEASE.
# Each alicloud_api_gateway_app_attachment is SetAppsAuthorities (GroupId, ApiId, one AppId,
# StageName), then DescribeAuthorizedApps polled until the app appears; its Read is the same
# DescribeAuthorizedApps (the first page only); its Delete is RemoveAppsAuthorities
# (NotFoundAuthorization is success), then DescribeAuthorizedApps until the app is gone
# (reference/cloudapi-apis.md 6.4). A module of its own: the attachment's Read fails, rather
# than forgets, when its API is gone, which the main module's drift checks would trip on.
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

resource "alicloud_api_gateway_group" "group" {
  name        = "tf_attach_group"
  description = "the group of the attachment check"
}

resource "alicloud_api_gateway_app" "app" {
  name        = "tf_attach_app"
  description = "an app Terraform attaches to an API"
}

# No stage_names: never deployed.
resource "alicloud_api_gateway_api" "api" {
  name         = "tf_attach_api"
  group_id     = alicloud_api_gateway_group.group.id
  description  = "an API its apps must be authorized to call"
  auth_type    = "APP"
  service_type = "MOCK"

  request_config {
    protocol = "HTTP"
    method   = "GET"
    path     = "/attach"
    mode     = "PASSTHROUGH"
  }

  mock_service_config {
    result = "{\"attached\":true}"
  }
}

resource "alicloud_api_gateway_app_attachment" "pre" {
  api_id     = alicloud_api_gateway_api.api.api_id
  group_id   = alicloud_api_gateway_group.group.id
  app_id     = alicloud_api_gateway_app.app.id
  stage_name = "PRE"
}

resource "alicloud_api_gateway_app_attachment" "release" {
  api_id     = alicloud_api_gateway_api.api.api_id
  group_id   = alicloud_api_gateway_group.group.id
  app_id     = alicloud_api_gateway_app.app.id
  stage_name = "RELEASE"
}

output "app_id" {
  value = alicloud_api_gateway_app.app.id
}

output "api_id" {
  value = alicloud_api_gateway_api.api.api_id
}

output "attachment_ids" {
  value = join(",", [alicloud_api_gateway_app_attachment.pre.id, alicloud_api_gateway_app_attachment.release.id])
}
