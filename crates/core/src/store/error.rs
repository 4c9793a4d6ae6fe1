//! What the state refuses, in the domain's words: each surface turns these into its own codes
//! (the management API into `NotFoundApp`, `RepeatedGroupName` ...; the data plane into its
//! `X-Ca-Error-Code` values).

use std::fmt;

/// The things the state holds, as its refusals name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Entity {
    /// An app.
    App,
    /// An app's name.
    AppName,
    /// An AppKey.
    AppKey,
    /// An AppCode.
    AppCode,
    /// A tag.
    Tag,
    /// An API group.
    ApiGroup,
    /// A group's name.
    GroupName,
    /// An API.
    Api,
    /// An API's name.
    ApiName,
    /// An API's request path.
    ApiPath,
    /// A stage of a group (RELEASE, PRE, TEST).
    Stage,
    /// An API running in a stage.
    Deployment,
    /// A publication of an API, by its version.
    HistoryVersion,
    /// An app's authorization on an API in a stage.
    Authorization,
    /// A throttling policy.
    TrafficControl,
}

impl Entity {
    /// The name the service's templates put in a code (`NotFound{Entity}`).
    pub fn wire_name(self) -> &'static str {
        match self {
            Entity::App => "App",
            Entity::AppName => "AppName",
            Entity::AppKey => "AppKey",
            Entity::AppCode => "AppCode",
            Entity::Tag => "Tag",
            Entity::ApiGroup => "ApiGroup",
            Entity::GroupName => "GroupName",
            Entity::Api => "Api",
            Entity::ApiName => "ApiName",
            Entity::ApiPath => "ApiPath",
            Entity::Stage => "Stage",
            Entity::Deployment => "Deployment",
            Entity::HistoryVersion => "HistoryVersion",
            Entity::Authorization => "Authorization",
            Entity::TrafficControl => "TrafficControl",
        }
    }
}

/// Why the state refused an operation; nothing was changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StoreError {
    /// No such thing in the caller's scope (another account's is as absent as a deleted one).
    NotFound(Entity),
    /// The name, key or code is held already.
    Taken(Entity),
    /// One more would pass the limit.
    LimitReached(Entity),
    /// It still holds things that must go first (a group with APIs).
    InUse(Entity),
    /// Changed again before its interval has passed (ResetAppCode, once a minute).
    TooSoon(Entity),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::NotFound(entity) => write!(f, "{} not found", entity.wire_name()),
            StoreError::Taken(entity) => write!(f, "{} already taken", entity.wire_name()),
            StoreError::LimitReached(entity) => write!(f, "{} limit reached", entity.wire_name()),
            StoreError::InUse(entity) => write!(f, "{} still in use", entity.wire_name()),
            StoreError::TooSoon(entity) => write!(f, "{} changed too soon", entity.wire_name()),
        }
    }
}

impl std::error::Error for StoreError {}

/// A result whose error is the store's.
pub type StoreResult<T> = Result<T, StoreError>;
