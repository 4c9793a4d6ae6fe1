//! The `cloudapi-mock` binary: it says where it serves and with which credentials, and on
//! SIGTERM it finishes what is in flight before it exits.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Running {
    child: Child,
    address: String,
    banner: String,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start() -> Running {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cloudapi-mock"))
        .args(["--listen", "127.0.0.1:0", "--log", "warn"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    // The banner's last line names the admin endpoint; the process goes on after it, so
    // read no further.
    let mut banner = String::new();
    for line in lines.by_ref() {
        let Ok(line) = line else { break };
        banner.push_str(&line);
        banner.push('\n');
        if line.trim_start().starts_with("admin:") {
            break;
        }
    }
    let address = banner
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .expect("the banner names the address")
        .to_owned();
    Running { child, address, banner }
}

fn wait_until_healthy(address: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Ok(mut stream) = TcpStream::connect(address) {
            let _ = stream.write_all(b"GET /_mock/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            let mut answer = String::new();
            let _ = stream.read_to_string(&mut answer);
            if answer.starts_with("HTTP/1.1 200") {
                return;
            }
        }
        assert!(Instant::now() < deadline, "the mock did not become healthy");
        std::thread::yield_now();
    }
}

#[test]
fn the_banner_names_the_endpoint_and_the_credentials() {
    let running = start();
    assert!(running.banner.contains("testid"), "{}", running.banner);
    assert!(running.banner.contains("testsecret"), "{}", running.banner);
    wait_until_healthy(&running.address);
}

#[test]
fn sigterm_lets_the_request_in_flight_finish() {
    let mut running = start();
    wait_until_healthy(&running.address);
    let mut stream = TcpStream::connect(&running.address).expect("connect");
    stream
        .write_all(b"POST /?Format=JSON HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 14\r\n\r\nAction=")
        .expect("head and half a body");
    // A complete exchange on a second connection, accepted after the first, shows the server
    // has taken the first one up; its head is already buffered, so it is in flight.
    wait_until_healthy(&running.address);
    let pid = running.child.id().to_string();
    let killed = Command::new("kill").args(["-TERM", &pid]).status().expect("kill runs");
    assert!(killed.success());
    stream.write_all(b"DescApp").expect("the rest of the body");
    let mut answer = String::new();
    stream.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
    stream.read_to_string(&mut answer).expect("the answer");
    assert!(answer.starts_with("HTTP/1.1 4"), "{answer}");
    assert!(answer.contains("\"Code\""), "the envelope: {answer}");
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = running.child.try_wait().expect("wait") {
            break status;
        }
        assert!(Instant::now() < deadline, "the mock did not exit after SIGTERM");
        std::thread::yield_now();
    };
    assert!(status.success(), "{status:?}");
}
