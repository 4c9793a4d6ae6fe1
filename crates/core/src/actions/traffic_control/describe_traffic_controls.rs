//! DescribeTrafficControls: the caller's policies in `TrafficControls.TrafficControl[]`,
//! newest first (inferred), paged (PageNumber 1, PageSize 10, at most 100); by id, by name
//! (exact, inferred), or the one holding an API in a stage, for which `GroupId`, `ApiId` and
//! `StageName` must be given together (documented; the code for one missing is inferred).

use serde::Serialize;

use super::views::TrafficControlView;
use super::{TRAFFIC_CONTROL_ID, TRAFFIC_CONTROL_NAME};
use crate::actions::authorizations::stage;
use crate::actions::input::{self, Page};
use crate::actions::Context;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::operations::{Declaration, Param, Resource};
use crate::store::TrafficControl;

pub(crate) const DECLARATION: Declaration = Declaration {
    writes: false,
    throttled: false,
    volatile: &[
        "RequestId",
        "TrafficControlId",
        "CreatedTime",
        "ModifiedTime",
        "SpecialKey",
    ],
    creates: None,
    addresses: &[("TrafficControlId", Resource::TrafficControl)],
    params: &[
        TRAFFIC_CONTROL_ID,
        TRAFFIC_CONTROL_NAME,
        input::GROUP_ID,
        Param::text("ApiId"),
        Param::text("StageName"),
        input::PAGE_NUMBER,
        input::PAGE_SIZE,
    ],
};

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct TrafficControls {
    traffic_control: Vec<TrafficControlView>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct Output {
    page_number: usize,
    page_size: usize,
    total_count: usize,
    traffic_controls: TrafficControls,
}

pub(crate) fn run(context: &Context<'_>) -> ApiResult<Output> {
    let params = context.params;
    let id = params.non_empty("TrafficControlId");
    let name = params.non_empty("TrafficControlName");
    let addressed = [
        ("GroupId", ErrorCode::MissingGroupId),
        ("ApiId", ErrorCode::MissingApiId),
        ("StageName", ErrorCode::MissingStageName),
    ];
    let given = addressed
        .iter()
        .filter(|(name, _)| params.non_empty(name).is_some())
        .count();
    if given != 0 && given != addressed.len() {
        let (_, missing) = addressed
            .iter()
            .find(|(name, _)| params.non_empty(name).is_none())
            .copied()
            .unwrap_or(addressed[0]);
        return Err(ApiError::new(missing));
    }
    let by_api = if given == 0 {
        None
    } else {
        Some((
            params.non_empty("GroupId").unwrap_or_default(),
            params.non_empty("ApiId").unwrap_or_default(),
            stage(params)?,
        ))
    };
    let page = Page::from_params(params)?;
    context.store.read(|world| {
        let holder = match by_api {
            Some((group_id, api_id, stage)) => {
                world.api(context.scope, Some(group_id), api_id)?;
                Some(
                    world
                        .traffic_control_of(context.scope, api_id, stage)
                        .map(|p| p.id.as_str()),
                )
            }
            None => None,
        };
        let matching: Vec<&TrafficControl> = world
            .tenancy(context.scope)
            .map(|tenancy| {
                tenancy
                    .traffic_control_table()
                    .iter()
                    .rev()
                    .filter(|policy| id.is_none_or(|id| policy.id == id))
                    .filter(|policy| name.is_none_or(|name| policy.name == name))
                    .filter(|policy| holder.is_none_or(|holder| holder == Some(policy.id.as_str())))
                    .collect()
            })
            .unwrap_or_default();
        Ok(Output {
            total_count: matching.len(),
            traffic_controls: TrafficControls {
                traffic_control: page.render(matching.into_iter(), TrafficControlView::of),
            },
            page_number: page.number,
            page_size: page.size,
        })
    })
}
