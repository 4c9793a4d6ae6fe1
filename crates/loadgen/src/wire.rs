//! HTTP/1.1 on a kept-alive connection, with requests serialised before the clock starts.
//!
//! The generator shares the machine's two cores with the server it measures, so every cycle
//! it spends is taken from the server: a request is written as prepared bytes in one call,
//! and a response is parsed only far enough to find its status and its end.

use std::io;
use std::net::SocketAddr;

use cloudapi_core::RawRequest;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// A request as it goes on the wire.
pub fn encode(request: &RawRequest) -> Vec<u8> {
    let mut wire = Vec::with_capacity(256 + request.query.len() + request.body.len());
    wire.extend_from_slice(request.method.as_bytes());
    wire.push(b' ');
    wire.extend_from_slice(if request.path.is_empty() { "/" } else { &request.path }.as_bytes());
    if !request.query.is_empty() {
        wire.push(b'?');
        wire.extend_from_slice(request.query.as_bytes());
    }
    wire.extend_from_slice(b" HTTP/1.1\r\n");
    for (name, value) in &request.headers {
        wire.extend_from_slice(name.as_bytes());
        wire.extend_from_slice(b": ");
        wire.extend_from_slice(value.as_bytes());
        wire.extend_from_slice(b"\r\n");
    }
    if !request.body.is_empty() || request.method != "GET" {
        wire.extend_from_slice(format!("content-length: {}\r\n", request.body.len()).as_bytes());
    }
    wire.extend_from_slice(b"\r\n");
    wire.extend_from_slice(&request.body);
    wire
}

/// A GET without parameters, for health checks.
pub fn encode_get(path: &str, host: &str) -> Vec<u8> {
    format!("GET {path} HTTP/1.1\r\nhost: {host}\r\n\r\n").into_bytes()
}

/// One kept-alive client connection.
#[derive(Debug)]
pub struct Connection {
    stream: TcpStream,
    buffer: Vec<u8>,
}

/// A response's status and body, borrowed from the connection's buffer.
#[derive(Debug)]
pub struct Response<'a> {
    /// The HTTP status.
    pub status: u16,
    /// The body.
    pub body: &'a [u8],
}

const MAX_HEADERS: usize = 32;
const READ_CHUNK: usize = 8 * 1024;

impl Connection {
    /// A kept-alive connection to `address`, Nagle's algorithm off.
    pub async fn open(address: SocketAddr) -> io::Result<Connection> {
        let stream = TcpStream::connect(address).await?;
        // Requests leave in one write; waiting for an ACK before sending one would only add latency.
        stream.set_nodelay(true)?;
        Ok(Connection {
            stream,
            buffer: Vec::with_capacity(READ_CHUNK),
        })
    }

    /// Sends one request and reads its whole response.
    pub async fn round_trip(&mut self, request: &[u8]) -> io::Result<Response<'_>> {
        self.stream.write_all(request).await?;
        self.buffer.clear();
        let (status, head_len, body_len) = loop {
            if let Some(head) = parse_head(&self.buffer)? {
                break head;
            }
            self.fill().await?;
        };
        let total = head_len + body_len;
        while self.buffer.len() < total {
            self.fill().await?;
        }
        Ok(Response {
            status,
            body: &self.buffer[head_len..total],
        })
    }

    async fn fill(&mut self) -> io::Result<()> {
        let start = self.buffer.len();
        self.buffer.resize(start + READ_CHUNK, 0);
        let read = self.stream.read(&mut self.buffer[start..]).await;
        let read = match read {
            Ok(read) => read,
            Err(e) => {
                self.buffer.truncate(start);
                return Err(e);
            }
        };
        self.buffer.truncate(start + read);
        if read == 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "the server closed the connection",
            ));
        }
        Ok(())
    }
}

/// Status, head length and body length once the head is complete; `None` while partial.
/// Both servers measured answer with `content-length`; anything else is refused.
fn parse_head(buffer: &[u8]) -> io::Result<Option<(u16, usize, usize)>> {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut response = httparse::Response::new(&mut headers);
    let head_len = match response.parse(buffer) {
        Ok(httparse::Status::Complete(len)) => len,
        Ok(httparse::Status::Partial) => return Ok(None),
        Err(e) => return Err(io::Error::new(io::ErrorKind::InvalidData, e)),
    };
    let status = response.code.unwrap_or(0);
    let body_len = response
        .headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case("content-length"))
        .and_then(|h| std::str::from_utf8(h.value).ok())
        .and_then(|v| v.trim().parse::<usize>().ok())
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "response without content-length"))?;
    Ok(Some((status, head_len, body_len)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_query_headers_and_body() {
        let request = RawRequest {
            method: "POST".into(),
            path: "/".into(),
            query: "a=1".into(),
            headers: vec![("host".into(), "h".into())],
            body: b"x=y".to_vec(),
        };
        assert_eq!(
            String::from_utf8(encode(&request)).expect("ascii"),
            "POST /?a=1 HTTP/1.1\r\nhost: h\r\ncontent-length: 3\r\n\r\nx=y"
        );
    }

    #[test]
    fn parses_heads_only_when_complete() {
        let full = b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}";
        assert_eq!(parse_head(&full[..10]).expect("valid"), None);
        assert_eq!(parse_head(full).expect("valid"), Some((200, 38, 2)));
        assert!(parse_head(b"HTTP/1.1 200 OK\r\n\r\n").is_err());
    }
}
