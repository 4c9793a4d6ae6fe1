//! DescribeAppSecurities: every key pair and AppCode of the app, in
//! `AppSecuritys.AppSecurity[]` (sic). How pairs and codes share items is not documented:
//! item N holds the N-th pair and the N-th code, empty strings where one list is shorter,
//! so each credential appears exactly once (inferred).

use serde::Serialize;

use crate::actions::{input, Context};
use crate::error::ApiResult;
use crate::operations::{Declaration, Resource};
use crate::protocol::timestamp;

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct AppSecurity {
    app_key: String,
    app_secret: String,
    app_code: String,
    created_time: String,
    modified_time: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct AppSecuritys {
    app_security: Vec<AppSecurity>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct Output {
    app_securitys: AppSecuritys,
}

pub(crate) const DECLARATION: Declaration = Declaration {
    writes: false,
    throttled: false,
    volatile: super::describe_app_security::SECURITY_FIELDS,
    creates: None,
    addresses: &[("AppId", Resource::App)],
    params: &[input::APP_ID.required()],
};

pub(crate) fn run(context: &Context<'_>) -> ApiResult<Output> {
    let app_id = input::required_app_id(context.params)?;
    context.store.read(|world| {
        let app = world.app(context.scope, app_id)?;
        let count = app.key_pairs.len().max(app.app_codes.len());
        let items = (0..count)
            .map(|i| {
                let pair = app.key_pairs.get(i);
                let code = app.app_codes.get(i);
                let created = pair.map(|p| p.created_at).or(code.map(|c| c.created_at));
                let modified = pair.map(|p| p.modified_at).or(code.map(|c| c.modified_at));
                AppSecurity {
                    app_key: pair.map(|p| p.app_key.clone()).unwrap_or_default(),
                    app_secret: pair.map(|p| p.app_secret.clone()).unwrap_or_default(),
                    app_code: code.map(|c| c.app_code.clone()).unwrap_or_default(),
                    created_time: timestamp::format(created.unwrap_or(app.created_at)),
                    modified_time: timestamp::format(modified.unwrap_or(app.modified_at)),
                }
            })
            .collect();
        Ok(Output {
            app_securitys: AppSecuritys { app_security: items },
        })
    })
}
