//! What deleting a resource takes, in dependency order, read from the core's declarations: a
//! resource lives inside its `Resource::parent` (an API in its group; CreateApi addresses the
//! group's `GroupId`, and a test holds the two facts together), so children go before their
//! parents; and a resource some stage still runs (an API deployed to RELEASE) is taken out of
//! every stage before it is deleted.
//!
//! The declarations do not say which action takes a resource out of its stages: that one fact
//! is [`RELEASES`], keyed by the resource's declared delete action, until
//! `cloudapi_core::operations::Resource` declares it (asked of the core:
//! `Resource::release_action() -> Option<Action>` and `Resource::stages() -> &[&str]`).

use cloudapi_core::operations::Resource;

/// How a resource is taken out of the stages that run it before it can be deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Release {
    /// The resource's delete action, by which the resource is known.
    pub delete_action: &'static str,
    /// The action that takes it out of one stage (AbolishApi).
    pub action: &'static str,
    /// The parameter naming the stage.
    pub stage_param: &'static str,
    /// Every stage it may run in: the system stages of every group (reference part 5.1).
    pub stages: &'static [&'static str],
}

/// An API is abolished from RELEASE, PRE and TEST before DeleteApi (the DeleteApi doc: "an
/// API that is published cannot be deleted"; AbolishApi on a stage that does not run it
/// succeeds, and the cleanup does not rely on it either).
pub const RELEASES: &[Release] = &[Release {
    delete_action: "DeleteApi",
    action: "AbolishApi",
    stage_param: "StageName",
    stages: &["RELEASE", "PRE", "TEST"],
}];

/// What takes a `resource` out of its stages, if anything must.
pub fn release(resource: Resource) -> Option<&'static Release> {
    let delete = resource.delete_action().name();
    RELEASES.iter().find(|release| release.delete_action == delete)
}

/// The resource a `resource` lives in (an API's group), if any.
pub fn parent(resource: Resource) -> Option<Resource> {
    resource.parent()
}

/// How many resources a `resource` lives in, one inside the other (an app 0, an API 1).
pub fn depth(resource: Resource) -> usize {
    let mut depth = 0;
    let mut current = resource;
    while let Some(up) = parent(current) {
        depth += 1;
        current = up;
        if depth > Resource::ALL.len() {
            break;
        }
    }
    depth
}

/// The kinds of resource that live in a `resource` (an API group's APIs).
pub fn children(resource: Resource) -> Vec<Resource> {
    Resource::ALL
        .iter()
        .copied()
        .filter(|&kind| parent(kind) == Some(resource))
        .collect()
}

/// The order to delete `resources` in: the most deeply nested first (APIs before their
/// groups), and within one depth the newest first (what was made inside another goes before
/// it). Each is `(resource, created position)`.
pub fn deletion_order<T>(items: &[T], resource_of: impl Fn(&T) -> Resource) -> Vec<usize> {
    let mut order: Vec<usize> = (0..items.len()).rev().collect();
    order.sort_by_key(|&i| std::cmp::Reverse(depth(resource_of(&items[i]))));
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use cloudapi_core::Action;

    /// The resource a creation addresses by id besides the one it creates: where it creates it.
    fn parent_by(create: Action) -> Option<Resource> {
        let created = create.creates()?;
        create
            .addressed_params()
            .iter()
            .find(|&&(param, addressed)| addressed != created && param == addressed.id_field())
            .map(|&(_, addressed)| addressed)
    }

    #[test]
    fn apps_and_groups_live_in_nothing() {
        assert_eq!(parent(Resource::App), None);
        assert_eq!(parent(Resource::ApiGroup), None);
        assert_eq!(depth(Resource::App), 0);
        assert!(release(Resource::App).is_none());
        assert!(release(Resource::ApiGroup).is_none());
    }

    #[test]
    fn every_release_names_actions_that_take_a_stage() {
        for release in RELEASES {
            if let Some(action) = Action::from_name(release.action) {
                assert!(action.writes(), "{} writes", release.action);
                let params = action.declaration().params;
                assert!(
                    params.iter().any(|p| p.name == release.stage_param && p.required),
                    "{} requires {}",
                    release.action,
                    release.stage_param
                );
            }
        }
    }

    #[test]
    fn a_parent_is_what_the_creation_addresses() {
        for &resource in Resource::ALL {
            assert_eq!(parent(resource), parent_by(resource.create_action()), "{resource:?}");
        }
    }

    #[test]
    fn an_api_lives_in_its_group_and_leaves_its_stages_first() {
        assert_eq!(parent(Resource::Api), Some(Resource::ApiGroup));
        assert_eq!(depth(Resource::Api), 1);
        assert_eq!(children(Resource::ApiGroup), [Resource::Api]);
        assert!(children(Resource::Api).is_empty() && children(Resource::App).is_empty());
        let release = release(Resource::Api).expect("an API is abolished before it is deleted");
        assert_eq!(release.action, "AbolishApi");
        assert!(
            Action::from_name(release.action).is_some(),
            "the core declares AbolishApi"
        );
    }

    #[test]
    fn deeper_first_then_newest_first() {
        let items = [
            Resource::App,
            Resource::ApiGroup,
            Resource::Api,
            Resource::App,
            Resource::Api,
        ];
        let order = deletion_order(&items, |r| *r);
        assert_eq!(
            order,
            [4, 2, 3, 1, 0],
            "APIs first, newest first; then the rest, newest first"
        );
    }
}
