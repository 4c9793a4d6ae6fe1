//! The transport's limits, over real sockets: slow clients are cut off, oversized requests get
//! a clear refusal, nothing leaks into headers, and a stop lets in-flight requests finish.

use std::time::Duration;

use cloudapi_core::client::{fresh_nonce, Call, Placement, Signer};
use cloudapi_core::{Format, Scheme};
use cloudapi_mock::MockServer;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Writes `request` and reads until the server closes, within `deadline`.
async fn exchange(mock: &MockServer, request: &[u8], deadline: Duration) -> String {
    let mut stream = TcpStream::connect(mock.address()).await.expect("connect");
    stream.write_all(request).await.expect("write");
    let mut answer = Vec::new();
    tokio::time::timeout(deadline, stream.read_to_end(&mut answer))
        .await
        .expect("the server answers and closes in time")
        .expect("read");
    String::from_utf8_lossy(&answer).into_owned()
}

async fn create_app_succeeds(mock: &MockServer, name: &str) {
    let params = vec![("AppName".to_owned(), name.to_owned())];
    let request = Signer::new("testid", "testsecret").sign(&Call {
        action: "CreateApp",
        params: &params,
        scheme: Scheme::V3,
        method: "POST",
        placement: Placement::Query,
        format: Format::Json,
        host: &mock.endpoint(),
        timestamp: mock.service().clock().now(),
        nonce: &fresh_nonce(),
    });
    let client = reqwest::Client::builder().no_proxy().build().expect("client");
    let mut builder = client.post(format!("{}/?{}", mock.uri(), request.query));
    for (name, value) in &request.headers {
        builder = builder.header(name.as_str(), value.as_str());
    }
    let response = builder.send().await.expect("sent");
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap_or_default());
}

#[tokio::test]
async fn a_slow_client_is_cut_off_and_others_are_served() {
    let mock = MockServer::builder()
        .header_read_timeout(Duration::from_millis(300))
        .start()
        .await
        .expect("started");
    let slow = tokio::spawn({
        let address = mock.address();
        async move {
            let mut stream = TcpStream::connect(address).await.expect("connect");
            stream
                .write_all(b"GET /?Action=CreateApp HTTP/1.1\r\nHost: x\r\n")
                .await
                .expect("write");
            let mut rest = Vec::new();
            tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut rest))
                .await
                .expect("the server closes a slow connection")
                .expect("read")
        }
    });
    create_app_succeeds(&mock, "while_slow").await;
    slow.await.expect("slow client task");
}

#[tokio::test]
async fn an_oversized_body_is_refused_with_the_envelope() {
    let mock = MockServer::start().await;
    let declared = exchange(
        &mock,
        b"POST /?Format=JSON HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 5000000\r\n\r\nAction=",
        Duration::from_secs(10),
    )
    .await;
    assert!(declared.starts_with("HTTP/1.1 413"), "{declared}");
    assert!(declared.contains("\"Code\":\"RequestEntityTooLarge\""), "{declared}");

    let mut chunked = b"POST / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
    let chunk = vec![b'a'; 64 * 1024];
    for _ in 0..20 {
        chunked.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
        chunked.extend_from_slice(&chunk);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let streamed = exchange(&mock, &chunked, Duration::from_secs(10)).await;
    assert!(
        streamed.starts_with("HTTP/1.1 413"),
        "{}",
        &streamed[..streamed.len().min(300)]
    );
    assert!(
        streamed.contains("<Code>RequestEntityTooLarge</Code>"),
        "XML: no Format asked for"
    );
    create_app_succeeds(&mock, "after_big_bodies").await;
}

#[tokio::test]
async fn an_oversized_uri_is_refused_and_the_server_goes_on() {
    let mock = MockServer::start().await;
    let request = format!(
        "GET /?AppName={} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "a".repeat(100_000)
    );
    let answer = exchange(&mock, request.as_bytes(), Duration::from_secs(10)).await;
    let status: u16 = answer.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0);
    assert!((400..500).contains(&status), "{}", &answer[..answer.len().min(200)]);
    create_app_succeeds(&mock, "after_big_uri").await;
}

#[tokio::test]
async fn nothing_a_client_sends_becomes_a_response_header() {
    let mock = MockServer::start().await;
    let answer = exchange(
        &mock,
        b"GET /?Format=JSON&Action=CreateApp&AppName=x%0D%0AX-Injected:%201 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        Duration::from_secs(10),
    )
    .await;
    let head = answer.split("\r\n\r\n").next().unwrap_or_default().to_ascii_lowercase();
    assert!(!head.contains("x-injected"), "{head}");
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
}
