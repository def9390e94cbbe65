//! `chibo giao-dien` over plain HTTP: what it refuses (no token, a foreign `Host`, a path
//! outside the working folder) and what it serves once the token is given.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{Read as _, Write as _};
use std::net::TcpStream;

use crate::web_support::{Page, copy_samples, scratch};

/// One HTTP/1.1 request, written by hand so that the `Host` header is exactly what the test
/// says; returns the status code, the headers and the body.
fn request(
    page: &Page,
    method: &str,
    path: &str,
    host: &str,
    cookie: Option<&str>,
) -> (u16, String, Vec<u8>) {
    let mut s = TcpStream::connect(&page.host).unwrap();
    let cookie = cookie.map_or(String::new(), |c| format!("Cookie: chibo_token={c}\r\n"));
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\n{cookie}Content-Length: 0\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    (status, head, raw[split + 4..].to_vec())
}

#[test]
fn refused_without_token_or_with_a_foreign_host() {
    let (_keep, dir) = scratch();
    let work = dir.join("dang-uy");
    copy_samples(&work);
    let page = Page::start(&work);
    let host = page.host.clone();
    let token = page.token.clone();

    // No token: refused, on the page and on the API.
    for path in ["/", "/api/thu-muc", "/tep/chibo.toml"] {
        let (status, _, body) = request(&page, "GET", path, &host, None);
        assert_eq!(status, 403, "{path}");
        assert!(String::from_utf8_lossy(&body).contains("Từ chối"), "{path}");
    }
    // A wrong token.
    let (status, _, _) = request(&page, "GET", "/api/thu-muc", &host, Some("sai"));
    assert_eq!(status, 403);
    // A foreign Host (DNS rebinding), even with the right token.
    for foreign in ["evil.example", "evil.example:80", "192.168.1.5:80"] {
        let (status, _, _) = request(&page, "GET", "/api/thu-muc", foreign, Some(&token));
        assert_eq!(status, 421, "{foreign}");
    }
    let first = format!("/?token={token}");
    let (status, _, _) = request(&page, "GET", &first, "evil.example", None);
    assert_eq!(status, 421);

    // The first address gives the cookie and sends the browser to a clean address.
    let (status, head, _) = request(&page, "GET", &first, &host, None);
    assert_eq!(status, 303);
    assert!(
        head.contains(&format!("chibo_token={token}; HttpOnly; SameSite=Strict")),
        "{head}"
    );
    let (status, _, body) = request(&page, "GET", "/", &host, Some(&token));
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&body).contains("Thư mục làm việc"));
    let (status, _, body) = request(&page, "GET", "/tep/chibo.toml", &host, Some(&token));
    assert_eq!(status, 200);
    assert_eq!(body, std::fs::read(work.join("chibo.toml")).unwrap());
}

#[test]
fn paths_outside_the_working_folder_are_refused() {
    let (_keep, dir) = scratch();
    let work = dir.join("dang-uy");
    copy_samples(&work);
    std::fs::write(dir.join("bi-mat.txt"), "BÍ MẬT 42").unwrap();
    let page = Page::start(&work);
    let (host, token) = (page.host.clone(), page.token.clone());
    // `..` in every spelling, and a link that leads out.
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.join("bi-mat.txt"), work.join("loi-tat.txt")).unwrap();
    for path in [
        "/tep/../bi-mat.txt",
        "/tep/%2e%2e/bi-mat.txt",
        "/tep/..%2Fbi-mat.txt",
        "/tep/..%5Cbi-mat.txt",
        "/tep/%2Fetc%2Fpasswd",
        "/tep/loi-tat.txt",
        "/api/thu-muc?con=..",
        "/api/thu-muc?con=..%2F..",
    ] {
        let (status, _, body) = request(&page, "GET", path, &host, Some(&token));
        let body = String::from_utf8_lossy(&body);
        assert!(status == 403 || status == 404, "{path}: {status} {body}");
        assert!(!body.contains("BÍ MẬT"), "{path}: {body}");
    }
}

#[test]
fn check_and_templates_answer_in_vietnamese() {
    let (_keep, dir) = scratch();
    copy_samples(&dir);
    let page = Page::start(&dir);
    let (host, token) = (page.host.clone(), page.token.clone());

    let (status, _, body) = request(
        &page,
        "GET",
        "/api/kiem-tra?ngay=2025-12-31",
        &host,
        Some(&token),
    );
    assert_eq!(status, 200);
    let check: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(check["so"], 5, "{check}");

    let (status, _, body) = request(
        &page,
        "GET",
        "/api/kiem-tra?ngay=31/13/2025",
        &host,
        Some(&token),
    );
    assert_eq!(status, 422);
    assert!(String::from_utf8_lossy(&body).contains("Ngày không hợp lệ"));

    // A built-in template downloads as a Word file.
    let (status, head, body) = request(&page, "GET", "/mau/bao-cao-quy.docx", &host, Some(&token));
    assert_eq!(status, 200, "{head}");
    assert!(body.starts_with(b"PK"), "not a .docx");
    let (status, _, _) = request(&page, "GET", "/mau/..%2Fchibo.toml", &host, Some(&token));
    assert_eq!(status, 404);
}

#[test]
#[cfg_attr(
    not(unix),
    ignore = "the browser opener honours BROWSER only on Unix-like systems"
)]
fn a_bare_chibo_opens_the_page_on_the_current_folder() {
    use std::io::BufRead as _;
    let (_keep, dir) = scratch();
    // `BROWSER` is what the browser opener runs: here a program that does nothing.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_chibo"))
        .current_dir(&dir)
        .env("LANG", "vi_VN.UTF-8")
        .env("BROWSER", "true")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        first.starts_with("Trang làm việc của chibo: http://127.0.0.1:"),
        "{first}"
    );
    assert!(first.contains("/?token="), "{first}");
}
