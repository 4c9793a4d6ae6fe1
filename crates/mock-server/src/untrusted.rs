//! Text a client sent, as it enters a log line.

use std::fmt::{self, Write as _};

/// Text a client sent, shown in a log line: printable ASCII as it is and anything else
/// escaped, so a request can neither start a forged line (`\n`) nor drive the reader's
/// terminal (`\x1b[…`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Untrusted<'a>(pub &'a str);

impl fmt::Display for Untrusted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.0;
        if text.bytes().all(|byte| byte == b' ' || byte.is_ascii_graphic()) {
            return f.write_str(text);
        }
        for character in text.chars() {
            if character == ' ' || character.is_ascii_graphic() {
                f.write_char(character)?;
            } else {
                write!(f, "{}", character.escape_default())?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn untrusted_text_cannot_break_the_line_or_reach_the_terminal() {
        assert_eq!(Untrusted("CreateApp").to_string(), "CreateApp");
        assert_eq!(Untrusted("a b-c_d.e").to_string(), "a b-c_d.e");
        assert_eq!(
            Untrusted("x\n2026-11-30T00:00:00Z  INFO forged").to_string(),
            "x\\n2026-11-30T00:00:00Z  INFO forged"
        );
        assert_eq!(Untrusted("\x1b[2J").to_string(), "\\u{1b}[2J");
        assert_eq!(Untrusted("应用").to_string(), "\\u{5e94}\\u{7528}");
    }
}
