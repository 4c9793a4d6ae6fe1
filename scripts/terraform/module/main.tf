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

variable "api_description" {
  description = "Changed by the second apply, to go through ModifyApi and a new DeployApi"
  type        = string
  default     = "made by Terraform: a Mock backend"
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

# An API of the group with a Mock backend, deployed to RELEASE: CreateApi (camelCase
# documents, the constant in the catalog encoding), DeployApi and DescribeDeployedApi; on a
# change ModifyApi and DeployApi again; on destroy AbolishApi, DeleteApi, DescribeApi until
# NotFoundApi.
resource "alicloud_api_gateway_api" "api" {
  name              = "tf_compat_mock_api"
  group_id          = alicloud_api_gateway_group.group.id
  description       = var.api_description
  auth_type         = "APP"
  force_nonce_check = false
  service_type      = "MOCK"
  stage_names       = ["RELEASE"]

  request_config {
    protocol = "HTTP"
    method   = "GET"
    path     = "/weather/[city]"
    mode     = "MAPPING"
  }

  mock_service_config {
    result = "{\"forecast\":\"sunny\"}"
  }

  request_parameters {
    name         = "city"
    type         = "STRING"
    required     = "REQUIRED"
    in           = "PATH"
    in_service   = "PATH"
    name_service = "city"
    description  = "the city"
  }

  request_parameters {
    name         = "days"
    type         = "INT"
    required     = "OPTIONAL"
    in           = "QUERY"
    in_service   = "QUERY"
    name_service = "days"
    description  = "days ahead"
  }

  # No description, and no system_parameters block: provider 1.214.0 never sends a
  # constant's description (setConstantParameters tests `!ok`) and never reads a system
  # parameter back (its Read builds each one and appends none), so either would show a
  # change on every plan against any endpoint. The contract suite's terraform_api feature
  # sends both, as the current provider does.
  constant_parameters {
    name  = "version"
    in    = "HEAD"
    value = "2"
  }
}

output "group_id" {
  value = alicloud_api_gateway_group.group.id
}

output "api_id" {
  value = alicloud_api_gateway_api.api.api_id
}

output "app_id" {
  value = alicloud_api_gateway_app.app.id
}
