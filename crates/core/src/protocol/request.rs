//! A request and a response as plain data, so the service can be driven without a socket.

/// An HTTP request as the transport received it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawRequest {
    /// `GET`, `POST`, ...
    pub method: String,
    /// The path, without the query.
    pub path: String,
    /// The query string as sent, without the `?`.
    pub query: String,
    /// Header names lower-cased, values as sent (non-UTF-8 bytes replaced); a name may repeat.
    pub headers: Vec<(String, String)>,
    /// The body's bytes.
    pub body: Vec<u8>,
}

impl RawRequest {
    /// The first value of a header, by lower-case name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// True when the body is form-encoded, so its fields are request parameters.
    pub fn has_form_body(&self) -> bool {
        self.header("content-type").is_some_and(|value| {
            value
                .trim_start()
                .get(..33)
                .is_some_and(|prefix| prefix.eq_ignore_ascii_case("application/x-www-form-urlencoded"))
        })
    }
}

/// The answer, ready for any transport.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawResponse {
    /// The HTTP status.
    pub status: u16,
    /// Headers, names lower-case.
    pub headers: Vec<(&'static str, String)>,
    /// The body's bytes.
    pub body: Vec<u8>,
}

impl RawResponse {
    /// A header's value, by lower-case name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body as text (lossy UTF-8).
    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_form_bodies_with_parameters_and_any_case() {
        for value in [
            "application/x-www-form-urlencoded",
            "application/x-www-form-urlencoded; charset=UTF-8",
            "Application/X-WWW-Form-Urlencoded",
        ] {
            let request = RawRequest {
                headers: vec![("content-type".into(), value.into())],
                ..RawRequest::default()
            };
            assert!(request.has_form_body(), "{value}");
        }
        let json = RawRequest {
            headers: vec![("content-type".into(), "application/json".into())],
            ..RawRequest::default()
        };
        assert!(!json.has_form_body());
    }
}
