//! Request targets: turn the raw target of a request into a path inside the
//! build, or refuse it. Steps: strip query and fragment (and the scheme and
//! host of an absolute-form target), refuse encoded slashes and backslashes,
//! percent-decode, refuse NUL and control characters, backslashes, empty,
//! `.` and `..` segments. The result never leaves the build, whatever the URL.

/// Why a request target was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The target tries to reach outside the build or hides a separator.
    Forbidden,
}

/// The decoded path of `target` below the site root, without its leading
/// `/`: `""` for the root, ending in `/` for a directory.
pub fn site_path(target: &str) -> Result<String, Refusal> {
    let end = target.find(['?', '#']).unwrap_or(target.len());
    let raw = strip_scheme_and_host(&target[..end]);
    let Some(raw) = raw.strip_prefix('/') else {
        return Err(Refusal::Forbidden);
    };
    let lower = raw.to_ascii_lowercase();
    if lower.contains("%2f") || lower.contains("%5c") {
        return Err(Refusal::Forbidden);
    }
    let decoded = percent_decode(raw).ok_or(Refusal::Forbidden)?;
    let path = String::from_utf8(decoded).map_err(|_| Refusal::Forbidden)?;
    if path.chars().any(|c| c.is_control() || c == '\\') {
        return Err(Refusal::Forbidden);
    }
    if path.is_empty() {
        return Ok(path);
    }
    let segments: Vec<&str> = path.split('/').collect();
    let last = segments.len() - 1;
    for (index, segment) in segments.iter().enumerate() {
        let trailing_slash = index == last && segment.is_empty();
        if (segment.is_empty() && !trailing_slash) || *segment == "." || *segment == ".." {
            return Err(Refusal::Forbidden);
        }
    }
    Ok(path)
}

/// `http://host:1111/x` → `/x`; an origin-form target is returned as it is.
fn strip_scheme_and_host(target: &str) -> &str {
    let lower = target.get(..8).unwrap_or(target).to_ascii_lowercase();
    let scheme = ["http://", "https://"]
        .into_iter()
        .find(|scheme| lower.starts_with(scheme));
    match scheme {
        Some(scheme) => {
            let rest = &target[scheme.len()..];
            rest.find('/').map_or("/", |slash| &rest[slash..])
        }
        None => target,
    }
}

/// Decode `%XX` escapes; `None` for a malformed escape.
fn percent_decode(raw: &str) -> Option<Vec<u8>> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            let hex = bytes.get(index + 1..index + 3)?;
            let text = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(text, 16).ok()?);
            index += 3;
        } else {
            out.push(bytes[index]);
            index += 1;
        }
    }
    Some(out)
}

/// Percent-encode a site path for a `Location` header: everything but
/// unreserved characters and `/`.
pub fn encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The `Content-Type` of an output file, by its extension; text types carry
/// the UTF-8 charset.
pub fn content_type(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or(path);
    let extension = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "webmanifest" => "application/manifest+json; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "atom" => "application/atom+xml; charset=utf-8",
        "rss" => "application/rss+xml; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        // Pagefind's index, fragments and metadata are gzip-compressed binaries.
        "pagefind" | "pf_index" | "pf_fragment" | "pf_meta" | "pf_filter" => {
            "application/octet-stream"
        }
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_paths_are_decoded() {
        assert_eq!(site_path("/"), Ok(String::new()));
        assert_eq!(site_path("/glossar/"), Ok("glossar/".into()));
        assert_eq!(
            site_path("/glossar/duldung/index.html?x=1#top"),
            Ok("glossar/duldung/index.html".into())
        );
        assert_eq!(site_path("/css/site.css"), Ok("css/site.css".into()));
        assert_eq!(site_path("/gr%C3%BC%C3%9Fe/"), Ok("grüße/".into()));
        assert_eq!(site_path("/a%20b.txt"), Ok("a b.txt".into()));
        assert_eq!(site_path("http://localhost:1111/x/"), Ok("x/".into()));
        assert_eq!(site_path("HTTP://localhost:1111"), Ok(String::new()));
        // Double encoding decodes once: a harmless name that is not in the build.
        assert_eq!(site_path("/%252e%252e/x"), Ok("%2e%2e/x".into()));
    }

    #[test]
    fn every_traversal_form_is_refused() {
        for target in [
            "/..",
            "/../",
            "/../etc/passwd",
            "/a/../../etc/passwd",
            "/a/./b",
            "/./",
            "/%2e%2e/etc/passwd",
            "/%2E%2E/%2e%2e/etc/passwd",
            "/.%2e/x",
            "/%2e./x",
            "/a/%2e%2e",
            "/%2e",
            "/..%2fetc%2fpasswd",
            "/..%2Fetc/passwd",
            "/a%2f..%2f..%2fetc",
            "/..%5c..%5cwindows",
            "/..%5Cx",
            "/..\\..\\windows\\win.ini",
            "/a\\b",
            "/%5c",
            "//etc/passwd",
            "///etc/passwd",
            "/a//b",
            "etc/passwd",
            "../etc/passwd",
            "C:\\Windows\\win.ini",
            "C:/Windows/win.ini",
            "*",
            "",
            "/index.html%00.css",
            "/%00",
            "/a\0b",
            "/%0a",
            "/%7f",
            "/%",
            "/%4",
            "/%zz",
            "/%c3%28",
            "http://localhost/../x",
            "http://localhost/%2e%2e/x",
        ] {
            assert_eq!(
                site_path(target),
                Err(Refusal::Forbidden),
                "{target:?} was not refused"
            );
        }
    }

    #[test]
    fn absolute_paths_stay_inside_the_build() {
        // Absolute file-system paths become ordinary paths below the build,
        // which holds no such file: the server answers 404.
        assert_eq!(site_path("/etc/passwd"), Ok("etc/passwd".into()));
        assert_eq!(
            site_path("/C:/Windows/win.ini"),
            Ok("C:/Windows/win.ini".into())
        );
    }

    #[test]
    fn locations_are_encoded() {
        assert_eq!(encode("grüße/a b/"), "gr%C3%BC%C3%9Fe/a%20b/");
        assert_eq!(encode("glossar/duldung/"), "glossar/duldung/");
    }

    #[test]
    fn content_types_by_extension() {
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("css/site.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("a/b.JSON"), "application/json; charset=utf-8");
        assert_eq!(content_type("img/a.svg"), "image/svg+xml; charset=utf-8");
        assert_eq!(content_type("daten/matrix.csv"), "text/csv; charset=utf-8");
        assert_eq!(content_type("robots.txt"), "text/plain; charset=utf-8");
        assert_eq!(content_type("feed.xml"), "application/xml; charset=utf-8");
        assert_eq!(content_type("f.woff2"), "font/woff2");
        assert_eq!(content_type("p.png"), "image/png");
        assert_eq!(
            content_type("pagefind/pagefind.js"),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(
            content_type("pagefind/index/de_1.pf_index"),
            "application/octet-stream"
        );
        assert_eq!(content_type("README"), "application/octet-stream");
    }
}
