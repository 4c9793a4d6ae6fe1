//! ModifyApiGroup: partial. Omitted fields stay; the group's own name is no conflict
//! (terraform resends name, description and base path together), another group's is. The
//! JSON settings (`UserLogConfig`, `CustomAppCodeConfig`, `CustomTraceConfig`) must be JSON,
//! since terraform decodes `UserLogConfig` on every read; all settings are stored verbatim.
//! Answers `{RequestId, GroupId, GroupName, Description, BasePath, SubDomain}`.

use serde::Serialize;

use crate::actions::{input, rules, Context};
use crate::error::ApiResult;
use crate::operations::{Declaration, Kind, Param, Resource};
use crate::store::GroupChanges;

/// 50 calls per second per account (ModifyApiGroup doc).
pub(crate) const DECLARATION: Declaration = Declaration {
    writes: true,
    throttled: true,
    volatile: &["RequestId", "GroupId", "SubDomain"],
    creates: None,
    addresses: &[("GroupId", Resource::ApiGroup)],
    params: &[
        input::GROUP_ID.required(),
        Param::text("GroupName"),
        Param::text("Description"),
        Param::text("BasePath"),
        Param::new("UserLogConfig", Kind::Json),
        Param::new("CustomAppCodeConfig", Kind::Json),
        Param::new("CustomTraceConfig", Kind::Json),
        Param::text("CompatibleFlags"),
        Param::text("CustomerConfigs"),
        Param::text("DefaultDomain"),
        Param::text("PassthroughHeaders"),
        Param::text("FilterAppCodeForBackend"),
        Param::text("RpcPattern"),
        Param::text("RpsLimitForServerless"),
        Param::text("SupportSSE"),
        input::TAGS,
    ],
};

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct Output {
    base_path: String,
    description: String,
    group_id: String,
    group_name: String,
    sub_domain: String,
}

pub(crate) fn run(context: &Context<'_>) -> ApiResult<Output> {
    let params = context.params;
    let group_id = params.non_empty("GroupId").unwrap_or_default();
    input::tags(params)?;
    let name = params.non_empty("GroupName");
    if let Some(name) = name {
        rules::check_group_name(name)?;
    }
    let description = params.get("Description");
    if let Some(description) = description {
        rules::check_description(description)?;
    }
    let base_path = params.non_empty("BasePath");
    if let Some(base_path) = base_path {
        rules::check_base_path(base_path)?;
    }
    let owned = |name: &str| params.get(name).map(str::to_owned);
    let changes = GroupChanges {
        name: name.map(str::to_owned),
        description: description.map(str::to_owned),
        base_path: base_path.map(str::to_owned),
        user_log_config: owned("UserLogConfig"),
        compatible_flags: owned("CompatibleFlags"),
        custom_app_code_config: owned("CustomAppCodeConfig"),
        custom_trace_config: owned("CustomTraceConfig"),
        customer_configs: owned("CustomerConfigs"),
        default_domain: owned("DefaultDomain"),
        passthrough_headers: owned("PassthroughHeaders"),
    };
    context.store.with(|world| {
        world.modify_group(context.scope, group_id, changes, context.now)?;
        let group = world.group(context.scope, group_id)?;
        Ok(Output {
            base_path: group.base_path.clone(),
            description: group.description.clone(),
            group_id: group.id.clone(),
            group_name: group.name.clone(),
            sub_domain: group.sub_domain(&context.scope.region),
        })
    })
}
