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

/// The figure: 1,100 requests of about 1 MiB each (a form body, one parameter nearly
/// the whole of it) leave the mock under 200 MB resident, because the journal keeps at most
/// 16 KiB of a request's parameters and a bounded number of bytes in all. Before that bound it
/// held every request whole: 1,064 MB.
#[cfg(target_os = "linux")]
#[test]
fn a_thousand_large_requests_leave_the_mock_small() {
    let running = start();
    wait_until_healthy(&running.address);
    let description = "d".repeat(1024 * 1024 - 200);
    let body = format!("Action=CreateApp&Version=2016-07-14&Format=JSON&AppName=large&Description={description}");
    let head = format!(
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    let mut stream = TcpStream::connect(&running.address).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(30))).expect("timeout");
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    for n in 0..1_100 {
        stream.write_all(head.as_bytes()).expect("head");
        stream.write_all(body.as_bytes()).expect("body");
        let status = read_answer(&mut reader);
        assert!(status.starts_with("HTTP/1.1 4"), "request {n}: {status}");
    }
    let status = std::fs::read_to_string(format!("/proc/{}/status", running.child.id())).expect("proc");
    let resident_kib: u64 = status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS");
    eprintln!("resident after 1,100 requests of 1 MiB: {} MiB", resident_kib / 1024);
    assert!(resident_kib < 200 * 1024, "{resident_kib} KiB resident");
}

/// Reads one answer (head and a `content-length` body) and returns its status line.
fn read_answer(reader: &mut BufReader<TcpStream>) -> String {
    let mut status = String::new();
    reader.read_line(&mut status).expect("status line");
    let mut length = 0;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).expect("header");
        if line == "\r\n" || line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).expect("body");
    status
}
