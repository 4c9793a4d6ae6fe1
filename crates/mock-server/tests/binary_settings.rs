//! The `cloudapi-mock` binary and its settings: precedence (flag, environment, file, default),
//! the seed, the admin API on its listener, and logs without secrets.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use cloudapi_core::client::{fresh_nonce, Call, Placement, Signer};
use cloudapi_core::{Format, Scheme};

const BINARY: &str = env!("CARGO_BIN_EXE_cloudapi-mock");

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

/// A command with none of the caller's CLOUDAPI_MOCK_* or RUST_LOG settings.
fn command() -> Command {
    let mut command = Command::new(BINARY);
    command.env_clear();
    if let Some(path) = std::env::var_os("PATH") {
        command.env("PATH", path);
    }
    command
}

fn scratch_file(name: &str, text: &str) -> PathBuf {
    let folder = std::env::temp_dir().join(format!("cloudapi-mock-test-{}", std::process::id()));
    std::fs::create_dir_all(&folder).expect("temp folder");
    let path = folder.join(name);
    std::fs::write(&path, text).expect("write");
    path
}

fn print_config(command: &mut Command) -> toml::Table {
    let output = command.arg("--print-config").output().expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    toml::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

#[test]
fn a_flag_beats_the_environment_which_beats_the_file_which_beats_the_default() {
    let file = scratch_file(
        "precedence.toml",
        "app-quota = 5\nregion = \"cn-beijing\"\nthrottle-rps = 9\naccounts = [\"filekey:filesecret:42\"]\n",
    );
    let settings = print_config(
        command()
            .arg("--config")
            .arg(&file)
            .args(["--app-quota", "7"])
            .env("CLOUDAPI_MOCK_APP_QUOTA", "6")
            .env("CLOUDAPI_MOCK_REGION", "cn-shanghai"),
    );
    assert_eq!(settings["app-quota"].as_integer(), Some(7), "flag");
    assert_eq!(settings["region"].as_str(), Some("cn-shanghai"), "environment");
    assert_eq!(settings["throttle-rps"].as_integer(), Some(9), "file");
    assert_eq!(settings["journal-size"].as_integer(), Some(1000), "default");
    assert_eq!(
        settings["accounts"].as_array().and_then(|a| a[0].as_str()),
        Some("filekey:filesecret:42")
    );

    let from_env = print_config(
        command()
            .env("CLOUDAPI_MOCK_CONFIG", &file)
            .env("CLOUDAPI_MOCK_ACCOUNTS", "envkey:envsecret:43,second:s"),
    );
    assert_eq!(
        from_env["app-quota"].as_integer(),
        Some(5),
        "file, named by the environment"
    );
    let accounts = from_env["accounts"].as_array().expect("accounts");
    assert_eq!(accounts.len(), 2);
    assert_eq!(accounts[0].as_str(), Some("envkey:envsecret:43"));
}

#[test]
fn the_example_config_file_is_valid_and_complete() {
    let settings = print_config(command().arg("--config").arg(fixtures().join("cloudapi-mock.toml")));
    let seed = settings["seed"].as_str().expect("a seed");
    assert!(seed.ends_with("seed/example.json"), "{seed}");
    let printed_keys: Vec<&String> = settings.keys().collect();
    let example: toml::Table =
        toml::from_str(&std::fs::read_to_string(fixtures().join("cloudapi-mock.toml")).expect("exists"))
            .expect("valid");
    let example_keys: Vec<&String> = example.keys().collect();
    assert_eq!(
        {
            let mut keys = printed_keys;
            keys.sort();
            keys
        },
        {
            let mut keys = example_keys;
            keys.sort();
            keys
        },
        "the example names every setting"
    );
}

#[test]
fn bad_settings_stop_the_binary_with_a_message() {
    let typo = scratch_file("typo.toml", "app_quota = 5\n");
    let bad_seed = scratch_file("bad-seed.json", "{\"scopes\": [{\"account_uid\": \"1\"}]}");
    for (args, mentions) in [
        (vec!["--config".to_owned(), typo.display().to_string()], "app_quota"),
        (
            vec!["--seed".to_owned(), bad_seed.display().to_string()],
            "bad-seed.json",
        ),
        (
            vec!["--config".to_owned(), "/nonexistent/cloudapi.toml".to_owned()],
            "cannot read",
        ),
        (
            vec![
                "--region".to_owned(),
                "Not A Region".to_owned(),
                "--listen".to_owned(),
                "127.0.0.1:0".to_owned(),
            ],
            "region",
        ),
    ] {
        let output = command().args(&args).output().expect("runs");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(mentions), "{args:?}: {stderr}");
    }
}

/// Runs the binary to its exit, killing it (and failing) if it is still running at the
/// deadline: a setting that should stop it must not leave a server behind.
fn exit_of(command: &mut Command) -> (Option<i32>, String) {
    let mut child = command
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts");
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    loop {
        match child.try_wait().expect("waits") {
            Some(status) => {
                let mut stderr = String::new();
                if let Some(mut pipe) = child.stderr.take() {
                    let _ = std::io::Read::read_to_string(&mut pipe, &mut stderr);
                }
                return (status.code(), stderr);
            }
            None if std::time::Instant::now() > deadline => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("still running at the deadline: {command:?}");
            }
            None => std::thread::sleep(Duration::from_millis(20)),
        }
    }
}

/// Flags, environment variables, and what the refusal must mention.
type StartCase = (Vec<String>, Vec<(&'static str, &'static str)>, &'static str);

/// Extreme numbers for the clock's settings, by flag, environment or file: refused at start
/// with exit code 2 and a message naming the setting, never a panic (101) or a server that
/// then answers nothing.
#[test]
fn extreme_clock_settings_are_refused_at_start() {
    let huge_skew = scratch_file("skew.toml", "time-skew = 9223372036854775807\n");
    let huge_ttl = scratch_file("ttl.toml", "nonce-ttl-secs = 9223372036854775807\n");
    let huge_window = scratch_file("window.toml", "timestamp-window-secs = 18446744073709551615\n");
    let wrong_types = scratch_file("types.toml", "listen = 5\njournal-size = -1\n");
    let not_toml = scratch_file("garbage.toml", "\u{0}\u{1}[[[[ = = =\n");
    let bad_account_in_file = scratch_file("account.toml", "accounts = [\"no-secret\"]\n");
    let overflowing_seed = scratch_file(
        "overflow-seed.json",
        "{\"format\": 1, \"last_app_id\": 1e400, \"scopes\": []}",
    );
    let cases: Vec<StartCase> = vec![
        (vec!["--time-skew".into(), i64::MAX.to_string()], vec![], "time-skew"),
        (vec!["--time-skew".into(), i64::MIN.to_string()], vec![], "time-skew"),
        (vec!["--time-skew".into(), "-2000000000000".into()], vec![], "time-skew"),
        (
            vec![],
            vec![("CLOUDAPI_MOCK_TIME_SKEW", "9223372036854775807")],
            "time-skew",
        ),
        (
            vec!["--nonce-ttl-secs".into(), i64::MAX.to_string()],
            vec![],
            "nonce-ttl-secs",
        ),
        (
            vec!["--nonce-ttl-secs".into(), u64::MAX.to_string()],
            vec![],
            "nonce-ttl-secs",
        ),
        (
            vec!["--timestamp-window-secs".into(), u64::MAX.to_string()],
            vec![],
            "timestamp-window-secs",
        ),
        (
            vec!["--nonce-ttl-secs".into(), u64::MAX.to_string() + "0"],
            vec![],
            "nonce-ttl-secs",
        ),
        (
            vec!["--config".into(), huge_skew.display().to_string()],
            vec![],
            "time-skew",
        ),
        (
            vec!["--config".into(), huge_ttl.display().to_string()],
            vec![],
            "nonce-ttl-secs",
        ),
        (
            vec!["--config".into(), huge_window.display().to_string()],
            vec![],
            "timestamp-window-secs",
        ),
        (
            vec!["--seed".into(), overflowing_seed.display().to_string()],
            vec![],
            "overflow-seed.json",
        ),
        (
            vec!["--config".into(), wrong_types.display().to_string()],
            vec![],
            "types.toml",
        ),
        (
            vec!["--config".into(), not_toml.display().to_string()],
            vec![],
            "garbage.toml",
        ),
        (
            vec!["--config".into(), bad_account_in_file.display().to_string()],
            vec![],
            "no-secret",
        ),
    ];
    for (args, env, mentions) in cases {
        let mut command = command();
        command
            .args(&args)
            .args(["--listen", "127.0.0.1:0"])
            .envs(env.iter().copied());
        let (code, stderr) = exit_of(&mut command);
        assert_eq!(code, Some(2), "{args:?} {env:?}: {stderr}");
        assert!(stderr.contains(mentions), "{args:?} {env:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?} {env:?}: {stderr}");
    }
}

/// The running binary, its output collected as it comes; killed on drop.
struct Running {
    child: Child,
    output: Arc<Mutex<String>>,
    address: String,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Running {
    fn start(command: &mut Command) -> Running {
        let mut child = command
            .args(["--listen", "127.0.0.1:0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("starts");
        let output = Arc::new(Mutex::new(String::new()));
        let stdout = child.stdout.take().expect("stdout");
        let (address_sender, address_receiver) = std::sync::mpsc::channel();
        let collected = output.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(rest) = line.split_once(" on http://").map(|(_, rest)| rest.to_owned()) {
                    let _ = address_sender.send(rest);
                }
                let mut all = collected.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                all.push_str(&line);
                all.push('\n');
            }
        });
        let stderr = child.stderr.take().expect("stderr");
        let collected = output.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let mut all = collected.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                all.push_str(&line);
                all.push('\n');
            }
        });
        let address = address_receiver
            .recv_timeout(Duration::from_secs(30))
            .expect("the banner names the address");
        Running { child, output, address }
    }

    fn output(&self) -> String {
        self.output
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }
}

fn http() -> reqwest::Client {
    reqwest::Client::builder().no_proxy().build().expect("client")
}

#[tokio::test]
async fn the_binary_serves_its_seed_journal_and_admin_api_and_logs_no_secret() {
    let running = Running::start(
        command()
            .args(["--seed", &fixtures().join("seed/example.json").display().to_string()])
            .args(["--journal-size", "2", "--log", "info"]),
    );
    let base = format!("http://{}", running.address);
    let client = http();

    let state: serde_json::Value = client
        .get(format!("{base}/_mock/state"))
        .send()
        .await
        .expect("state")
        .text()
        .await
        .map(|text| serde_json::from_str(&text).expect("json"))
        .expect("body");
    let seed: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixtures().join("seed/example.json")).expect("seed"))
            .expect("json");
    assert_eq!(state, seed);

    let secret = "a-secret-that-must-not-be-logged";
    let params = vec![
        ("AppName".to_owned(), "logged_app".to_owned()),
        ("AppSecret".to_owned(), secret.to_owned()),
    ];
    let request = Signer::new("testid", "testsecret").sign(&Call {
        action: "CreateApp",
        params: &params,
        scheme: Scheme::V3,
        method: "POST",
        placement: Placement::FormBody,
        format: Format::Json,
        host: &running.address,
        timestamp: time::OffsetDateTime::now_utc(),
        nonce: &fresh_nonce(),
    });
    let mut builder = client.post(format!("{base}/?{}", request.query));
    for (name, value) in &request.headers {
        builder = builder.header(name.as_str(), value.as_str());
    }
    let reply = builder.body(request.body.clone()).send().await.expect("sent");
    assert_eq!(reply.status(), 200, "{}", reply.text().await.unwrap_or_default());

    let journal: serde_json::Value = client
        .get(format!("{base}/_mock/journal"))
        .send()
        .await
        .expect("journal")
        .text()
        .await
        .map(|text| serde_json::from_str(&text).expect("json"))
        .expect("body");
    assert_eq!(journal["capacity"], 2);
    assert_eq!(journal["entries"][0]["action"], "CreateApp");

    let signature = request
        .header("authorization")
        .and_then(|h| h.rsplit_once("Signature="))
        .map(|(_, s)| s.to_owned())
        .expect("signed");
    // The log line comes after the answer; give the writer a moment.
    let mut output = String::new();
    for _ in 0..50 {
        output = running.output();
        if output.contains("CreateApp") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(
        output.contains("action=\"CreateApp\"") || output.contains("action=CreateApp"),
        "{output}"
    );
    assert!(output.contains("status=200"), "{output}");
    for leaked in [secret, signature.as_str()] {
        assert!(!output.contains(leaked), "the output holds {leaked:?}: {output}");
    }
}

#[tokio::test]
async fn no_admin_from_the_environment_turns_the_admin_api_off() {
    let running = Running::start(command().env("CLOUDAPI_MOCK_NO_ADMIN", "true"));
    let reply = http()
        .get(format!("http://{}/_mock/health", running.address))
        .send()
        .await
        .expect("answered");
    assert_eq!(reply.status(), 404);
    assert!(reply
        .text()
        .await
        .unwrap_or_default()
        .contains("InvalidAction.NotFound"));
}
