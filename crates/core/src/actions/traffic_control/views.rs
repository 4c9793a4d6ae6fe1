//! A policy as the listings show it: `TrafficControls.TrafficControl[]`, its specials in
//! `SpecialPolicies.SpecialPolicy[].Specials.Special[]`.

use serde::Serialize;

use crate::protocol::timestamp;
use crate::store::{SpecialType, TrafficControl};

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct Special {
    special_key: String,
    traffic_value: u32,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct Specials {
    special: Vec<Special>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct SpecialPolicy {
    special_type: &'static str,
    specials: Specials,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct SpecialPolicies {
    special_policy: Vec<SpecialPolicy>,
}

/// One item of DescribeTrafficControls. A limit never set is left out (inferred: the
/// documents show every example with all three).
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct TrafficControlView {
    api_default: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    app_default: Option<u32>,
    created_time: String,
    description: String,
    modified_time: String,
    special_policies: SpecialPolicies,
    traffic_control_id: String,
    traffic_control_name: String,
    traffic_control_unit: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    user_default: Option<u32>,
}

impl TrafficControlView {
    pub(crate) fn of(policy: &TrafficControl) -> TrafficControlView {
        // One entry per type that has specials, APP first (inferred order).
        let special_policy = [SpecialType::App, SpecialType::User]
            .into_iter()
            .filter_map(|kind| {
                let special: Vec<Special> = policy
                    .specials_of(kind)
                    .map(|s| Special {
                        special_key: s.key.clone(),
                        traffic_value: s.limit,
                    })
                    .collect();
                (!special.is_empty()).then_some(SpecialPolicy {
                    special_type: kind.as_str(),
                    specials: Specials { special },
                })
            })
            .collect();
        TrafficControlView {
            api_default: policy.api_default,
            app_default: policy.app_default,
            created_time: timestamp::format(policy.created_at),
            description: policy.description.clone(),
            modified_time: timestamp::format(policy.modified_at),
            special_policies: SpecialPolicies { special_policy },
            traffic_control_id: policy.id.clone(),
            traffic_control_name: policy.name.clone(),
            traffic_control_unit: policy.unit.as_str(),
            user_default: policy.user_default,
        }
    }
}
