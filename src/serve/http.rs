//! HTTP: a few worker threads take requests from tiny_http and answer each
//! from the current snapshot. GET and HEAD only; the `Host` must name this
//! machine when bound to loopback (no DNS rebinding into the preview); the
//! target is sanitised (`url::site_path`); `/x/` serves `x/index.html`, `/x`
//! redirects to `/x/` when that is a directory; unknown paths get the site's
//! 404 page with status 404; the live-reload endpoints are answered here.

use super::live;
use super::state::{State, ENDPOINT_PREFIX};
use super::url::{self, Refusal};
use std::io::Cursor;
use std::net::IpAddr;
use std::sync::Arc;
use tiny_http::{Header, Method, Request, Response, StatusCode};

/// How many threads answer requests (polls wait without holding one).
pub const WORKERS: usize = 4;

/// A response body.
pub enum Body<'a> {
    /// A file of the build.
    Shared(Arc<[u8]>, &'static str),
    /// Short plain text.
    Text(&'a str),
    /// JSON text.
    Json(String),
    /// Nothing (redirects).
    Empty,
}

/// Take requests from `server` and answer them until it shuts down.
pub fn work(server: Arc<tiny_http::Server>, state: Arc<State>) {
    while let Ok(request) = server.recv() {
        handle(request, &state);
    }
}

fn handle(request: Request, state: &State) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        let response = response(405, Body::Text("405 Method Not Allowed: only GET and HEAD"));
        let response = with_header(response, "Allow", "GET, HEAD");
        let _ = request.respond(response);
        return;
    }
    if state.loopback_only && !host_is_loopback(&request) {
        respond(
            request,
            403,
            Body::Text("403 Forbidden: the preview answers to localhost only"),
        );
        return;
    }
    let target = request.url().to_string();
    if let Some(endpoint) = target.strip_prefix(ENDPOINT_PREFIX) {
        let name = endpoint.split(['?', '#']).next().unwrap_or("");
        match name {
            "poll" => live::poll(request, live::seen_generation(&target), state),
            "live.js" => respond(
                request,
                200,
                Body::Shared(
                    Arc::from(live::CLIENT_SCRIPT.as_bytes()),
                    "text/javascript; charset=utf-8",
                ),
            ),
            _ => respond(request, 404, Body::Text("404 Not Found")),
        }
        return;
    }
    match url::site_path(&target) {
        Ok(path) => serve_path(request, &path, state),
        Err(Refusal::Forbidden) => respond(request, 403, Body::Text("403 Forbidden")),
    }
}

fn serve_path(request: Request, path: &str, state: &State) {
    let snapshot = state.snapshot();
    if snapshot.build == 0 {
        let page = super::served::inject_client(PLACEHOLDER, 0);
        let body = Body::Shared(page.into_bytes().into(), "text/html; charset=utf-8");
        respond(request, 503, body);
        return;
    }
    let key = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    };
    if let Some(file) = snapshot.file(&key) {
        respond(
            request,
            file.status,
            Body::Shared(file.body, file.content_type),
        );
    } else if !path.ends_with('/')
        && !path.is_empty()
        && snapshot.has(&format!("{path}/index.html"))
    {
        let location = format!("/{}/", url::encode(path));
        let _ = request.respond(with_header(
            response(301, Body::Empty),
            "Location",
            &location,
        ));
    } else if let Some(page) = snapshot.file("404.html") {
        respond(request, 404, Body::Shared(page.body, page.content_type));
    } else {
        respond(request, 404, Body::Text("404 Not Found"));
    }
}

/// What every URL shows until the first build succeeds; the overlay says why.
const PLACEHOLDER: &str = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>dienstweg: no build yet</title></head>\n<body><p>The site has not built yet. The errors are shown below and in the terminal.</p></body></html>\n";

/// Whether the `Host` header names this machine (or is absent, as from
/// HTTP/1.0 clients, which no browser is).
fn host_is_loopback(request: &Request) -> bool {
    let Some(host) = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Host"))
        .map(|h| h.value.as_str().trim().to_ascii_lowercase())
    else {
        return true;
    };
    is_loopback_host(&host)
}

/// `localhost`, `*.localhost` or a loopback address, with or without port.
pub fn is_loopback_host(host: &str) -> bool {
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        host.rsplit_once(':').map_or(host, |(name, _)| name)
    };
    name == "localhost"
        || name.ends_with(".localhost")
        || name.parse::<IpAddr>().is_ok_and(is_loopback)
}

/// Loopback, also in its IPv4-mapped IPv6 form.
pub fn is_loopback(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => v4.is_loopback(),
        IpAddr::V6(v6) => {
            v6.is_loopback() || v6.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback())
        }
    }
}

/// Send `body` with `status`; a client that went away is no error here.
pub fn respond(request: Request, status: u16, body: Body<'_>) {
    let _ = request.respond(response(status, body));
}

fn response(status: u16, body: Body<'_>) -> Response<Cursor<Arc<[u8]>>> {
    let (bytes, content_type): (Arc<[u8]>, &str) = match body {
        Body::Shared(bytes, content_type) => (bytes, content_type),
        Body::Text(text) => (
            Arc::from(format!("{text}\n").into_bytes()),
            "text/plain; charset=utf-8",
        ),
        Body::Json(json) => (
            Arc::from(json.into_bytes()),
            "application/json; charset=utf-8",
        ),
        Body::Empty => (Arc::from(Vec::new()), "text/plain; charset=utf-8"),
    };
    let length = bytes.len();
    let headers = [
        ("Content-Type", content_type),
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
    ]
    .into_iter()
    .filter_map(|(name, value)| Header::from_bytes(name, value).ok())
    .collect();
    Response::new(
        StatusCode(status),
        headers,
        Cursor::new(bytes),
        Some(length),
        None,
    )
}

fn with_header<R: std::io::Read>(response: Response<R>, name: &str, value: &str) -> Response<R> {
    match Header::from_bytes(name, value) {
        Ok(header) => response.with_header(header),
        Err(()) => response,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_hosts() {
        for host in [
            "localhost",
            "localhost:1111",
            "127.0.0.1:1111",
            "127.1.2.3",
            "[::1]:1111",
            "[::1]",
            "preview.localhost:8080",
            "[::ffff:127.0.0.1]:1",
        ] {
            assert!(is_loopback_host(host), "{host}");
        }
        for host in [
            "example.org",
            "evil.example:1111",
            "localhost.example.org",
            "192.168.1.2:1111",
            "0.0.0.0:1111",
            "[::]:1111",
            "",
        ] {
            assert!(!is_loopback_host(host), "{host}");
        }
    }
}
