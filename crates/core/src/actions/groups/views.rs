//! How groups are shown in answers: DescribeApiGroup's full attributes, DescribeApiGroups'
//! summaries, with the SDK models' wrappers and types.

use serde::Serialize;

use crate::protocol::timestamp;
use crate::store::{ApiGroup, Tag};

/// The service's values for what the mock does not model: a group on the shared instance,
/// in good standing, with no custom domain, no IPv6 and no migration (reference part 3.2).
const NORMAL: &str = "NORMAL";
const DEFAULT_HTTPS_POLICY: &str = "HTTPS2_TLS1_0";
const IPV6_UNBOUND: &str = "UNBIND";

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct TagInfo {
    key: String,
    value: String,
}

/// `Tags.TagInfo[]`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Tags {
    tag_info: Vec<TagInfo>,
}

impl Tags {
    pub fn of(tags: &[Tag]) -> Tags {
        Tags {
            tag_info: tags
                .iter()
                .map(|tag| TagInfo {
                    key: tag.key.clone(),
                    value: tag.value.clone(),
                })
                .collect(),
        }
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct StageInfo {
    description: String,
    stage_id: String,
    stage_name: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct StageItems {
    stage_info: Vec<StageInfo>,
}

/// A custom domain bound with SetDomain; the mock binds none yet, so the list is empty.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct DomainItem {}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct CustomDomains {
    domain_item: Vec<DomainItem>,
}

/// DescribeApiGroup's answer (`DescribeApiGroupResponseBody`), field for field.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct GroupAttributes {
    base_path: String,
    billing_status: &'static str,
    cloud_market_commodity: bool,
    cms_monitor_group: &'static str,
    compatible_flags: String,
    created_time: String,
    custom_app_code_config: String,
    custom_domains: CustomDomains,
    custom_trace_config: String,
    customer_configs: String,
    dedicated_instance_type: &'static str,
    default_domain: String,
    description: String,
    disable_inner_domain: bool,
    group_id: String,
    group_name: String,
    https_policy: &'static str,
    illegal_status: &'static str,
    instance_id: String,
    instance_type: &'static str,
    ipv6_status: &'static str,
    migration_error: &'static str,
    migration_status: &'static str,
    modified_time: String,
    passthrough_headers: String,
    region_id: String,
    stage_items: StageItems,
    status: &'static str,
    sub_domain: String,
    traffic_limit: u32,
    user_log_config: String,
    vpc_domain: &'static str,
    vpc_slb_intranet_domain: &'static str,
}

impl GroupAttributes {
    pub fn of(group: &ApiGroup, region: &str) -> GroupAttributes {
        let settings = &group.settings;
        GroupAttributes {
            base_path: group.base_path.clone(),
            billing_status: NORMAL,
            cloud_market_commodity: false,
            cms_monitor_group: "",
            compatible_flags: settings.compatible_flags.clone(),
            created_time: timestamp::format(group.created_at),
            custom_app_code_config: settings.custom_app_code_config.clone(),
            custom_domains: CustomDomains {
                domain_item: Vec::new(),
            },
            custom_trace_config: settings.custom_trace_config.clone(),
            customer_configs: settings.customer_configs.clone(),
            dedicated_instance_type: "",
            default_domain: settings.default_domain.clone(),
            description: group.description.clone(),
            disable_inner_domain: false,
            group_id: group.id.clone(),
            group_name: group.name.clone(),
            https_policy: DEFAULT_HTTPS_POLICY,
            illegal_status: NORMAL,
            instance_id: group.instance_id.clone(),
            instance_type: group.instance_type(),
            ipv6_status: IPV6_UNBOUND,
            migration_error: "",
            migration_status: "",
            modified_time: timestamp::format(group.modified_at),
            passthrough_headers: settings.passthrough_headers.clone(),
            region_id: region.to_owned(),
            stage_items: StageItems {
                stage_info: group
                    .stages
                    .iter()
                    .map(|stage| StageInfo {
                        description: stage.description.clone(),
                        stage_id: stage.id.clone(),
                        stage_name: stage.name.clone(),
                    })
                    .collect(),
            },
            status: NORMAL,
            sub_domain: group.sub_domain(region),
            traffic_limit: group.traffic_limit,
            user_log_config: settings.user_log_config.clone(),
            vpc_domain: "",
            vpc_slb_intranet_domain: "",
        }
    }
}

/// One item of DescribeApiGroups (`ApiGroupAttributes.ApiGroupAttribute[]`).
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct GroupSummary {
    base_path: String,
    billing_status: &'static str,
    created_time: String,
    description: String,
    group_id: String,
    group_name: String,
    https_policy: &'static str,
    illegal_status: &'static str,
    instance_id: String,
    instance_type: &'static str,
    modified_time: String,
    region_id: String,
    sub_domain: String,
    tags: Tags,
    traffic_limit: u32,
}

impl GroupSummary {
    pub fn of(group: &ApiGroup, region: &str) -> GroupSummary {
        GroupSummary {
            base_path: group.base_path.clone(),
            billing_status: NORMAL,
            created_time: timestamp::format(group.created_at),
            description: group.description.clone(),
            group_id: group.id.clone(),
            group_name: group.name.clone(),
            https_policy: DEFAULT_HTTPS_POLICY,
            illegal_status: NORMAL,
            instance_id: group.instance_id.clone(),
            instance_type: group.instance_type(),
            modified_time: timestamp::format(group.modified_at),
            region_id: region.to_owned(),
            sub_domain: group.sub_domain(region),
            tags: Tags::of(&group.tags),
            traffic_limit: group.traffic_limit,
        }
    }
}
