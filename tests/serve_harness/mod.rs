//! The harness of the `serve` tests: run `dienstweg serve --port 0` on a
//! site, read the port from its start line, talk HTTP over plain
//! `TcpStream`s (no HTTP client crate needed), kill the server on drop.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A running `dienstweg serve`; killed on drop.
pub struct Server {
    pub child: Child,
    pub address: SocketAddr,
    pub output: Arc<Mutex<Vec<String>>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Collect the lines of a child's pipe into `output`.
fn collect(pipe: impl Read + Send + 'static, output: &Arc<Mutex<Vec<String>>>) {
    let output = Arc::clone(output);
    std::thread::spawn(move || {
        for line in BufReader::new(pipe).lines().map_while(Result::ok) {
            output.lock().expect("output lock").push(line);
        }
    });
}

pub fn spawn(root: &Path, args: &[&str]) -> (Child, Arc<Mutex<Vec<String>>>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dienstweg"))
        .arg("serve")
        .arg("--root")
        .arg(root)
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1764028800")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the dienstweg binary starts");
    let output = Arc::new(Mutex::new(Vec::new()));
    collect(child.stdout.take().expect("stdout piped"), &output);
    collect(child.stderr.take().expect("stderr piped"), &output);
    (child, output)
}

/// Start serving `root` and wait for the start line.
pub fn serve(root: &Path, args: &[&str]) -> Server {
    let (child, output) = spawn(root, args);
    let mut server = Server {
        child,
        address: SocketAddr::from(([127, 0, 0, 1], 0)),
        output,
    };
    let line = server.wait_for_line("serving the ", Duration::from_secs(60));
    let url = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .expect("the start line names the URL");
    server.address = url.parse().expect("a socket address");
    server
}

impl Server {
    pub fn wait_for_line(&mut self, start: &str, limit: Duration) -> String {
        let deadline = Instant::now() + limit;
        loop {
            if let Some(line) = self.lines().into_iter().find(|l| l.starts_with(start)) {
                return line;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("serve exited with {status}: {:#?}", self.lines());
            }
            assert!(
                Instant::now() < deadline,
                "no line starting {start:?}: {:#?}",
                self.lines()
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    pub fn lines(&self) -> Vec<String> {
        self.output.lock().expect("output lock").clone()
    }

    pub fn get(&self, target: &str) -> Reply {
        request(self.address, "GET", target, "127.0.0.1")
    }

    /// Fetch `target` until `accept` holds, for at most `limit`.
    pub fn get_until(
        &self,
        target: &str,
        limit: Duration,
        accept: impl Fn(&Reply) -> bool,
    ) -> Reply {
        let deadline = Instant::now() + limit;
        loop {
            let reply = self.get(target);
            if accept(&reply) || Instant::now() >= deadline {
                return reply;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

/// An HTTP response.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub head: String,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name)
                .then(|| value.trim().to_string())
        })
    }
}

/// Send one request with `Connection: close` and read the whole response.
pub fn request(address: SocketAddr, method: &str, target: &str, host: &str) -> Reply {
    let raw = format!("{method} {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
    raw_request(address, raw.as_bytes())
}

pub fn raw_request(address: SocketAddr, raw: &[u8]) -> Reply {
    let mut stream =
        TcpStream::connect_timeout(&address, Duration::from_secs(5)).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    stream.write_all(raw).expect("request sent");
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).expect("response read");
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("no status in {head:?}"));
    Reply {
        status,
        head: head.to_string(),
        body: body.to_string(),
    }
}

pub fn poll_status(server: &Server, generation: i64) -> serde_json::Value {
    let reply = server.get(&format!("/__dienstweg/poll?generation={generation}"));
    assert_eq!(reply.status, 200, "{reply:?}");
    serde_json::from_str(&reply.body).expect("poll answers JSON")
}
