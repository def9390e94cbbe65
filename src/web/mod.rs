//! `chibo giao-dien`: the working page, served by the binary on this computer only.
//!
//! The server listens on 127.0.0.1 (never another interface) on a free port. A random token
//! is in the first address the office opens (printed, and opened in the default browser); the
//! page then keeps it in a cookie (`HttpOnly`, `SameSite=Strict`) and the address bar loses it.
//! Every request must carry the token and a `Host` of the loopback with this port: another
//! user of the machine, a web site in the same browser (cross-site requests carry no cookie) or
//! a DNS-rebinding page (a foreign `Host`) is refused. Every file the page reads or serves is
//! inside the chosen working folder ([`files::inside`]). The page and its script are embedded
//! in the binary: it works offline.

mod api;
mod files;
mod jobs;

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

pub use files::inside;

/// The cookie that carries the token.
const COOKIE: &str = "chibo_token";

/// What the handlers share.
pub(crate) struct App {
    token: String,
    port: u16,
    /// The working folder, canonical.
    folder: Mutex<PathBuf>,
    runs: jobs::Runs,
}

impl App {
    pub(crate) fn folder(&self) -> PathBuf {
        self.folder
            .lock()
            .map(|f| f.clone())
            .unwrap_or_else(|e| e.into_inner().clone())
    }

    fn set_folder(&self, dir: PathBuf) {
        match self.folder.lock() {
            Ok(mut f) => *f = dir,
            Err(e) => *e.into_inner() = dir,
        }
    }
}

type Shared = Arc<App>;

/// A server bound and ready: its address (with the token) and the future that serves it.
pub struct Server {
    /// `http://127.0.0.1:<port>/?token=<token>`: the first address to open.
    pub url: String,
    listener: tokio::net::TcpListener,
    app: Shared,
}

impl Server {
    /// Serves until the process ends.
    ///
    /// # Errors
    /// The listening socket fails.
    pub async fn serve(self) -> std::io::Result<()> {
        let router = api::router(self.app.clone()).layer(axum::middleware::from_fn_with_state(
            self.app.clone(),
            guard,
        ));
        axum::serve(self.listener, router).await
    }
}

/// Binds 127.0.0.1 on a free port for the working folder `dir` (made canonical, without
/// Windows' `\\?\` prefix, which the page would show).
///
/// # Errors
/// No port could be bound, the system gave no randomness for the token, or `dir` is not a
/// folder.
pub async fn bind(dir: PathBuf) -> std::io::Result<Server> {
    let folder = dunce::canonicalize(&dir)?;
    if !folder.is_dir() {
        return Err(std::io::Error::from(std::io::ErrorKind::NotADirectory));
    }
    let listener =
        tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0))).await?;
    let port = listener.local_addr()?.port();
    let token = new_token()?;
    let url = format!("http://127.0.0.1:{port}/?token={token}");
    let app = Arc::new(App {
        token,
        port,
        folder: Mutex::new(folder),
        runs: jobs::Runs::default(),
    });
    Ok(Server { url, listener, app })
}

/// 32 random bytes from the system, as hex.
fn new_token() -> std::io::Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| std::io::Error::other(e.to_string()))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Equal, in a time that does not depend on where they differ. Hand-written: four lines.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// The `Host` header names this server on the loopback.
fn loopback_host(headers: &HeaderMap, port: u16) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else {
        return false;
    };
    ["127.0.0.1", "localhost", "[::1]"]
        .iter()
        .any(|name| host.eq_ignore_ascii_case(&format!("{name}:{port}")))
}

/// The token of the cookie, if any.
fn cookie_token(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|kv| kv.trim().strip_prefix(COOKIE)?.strip_prefix('='))
}

/// The token of the query string (`?token=…`), if any.
fn query_token(req: &Request) -> Option<&str> {
    req.uri()
        .query()?
        .split('&')
        .find_map(|kv| kv.strip_prefix("token="))
}

/// Refuses every request without the token or with a foreign `Host`; the first address's
/// token becomes a cookie and the address bar is cleaned.
async fn guard(State(app): State<Shared>, req: Request, next: Next) -> Response {
    if !loopback_host(req.headers(), app.port) {
        return refuse(
            StatusCode::MISDIRECTED_REQUEST,
            "Từ chối: trang này chỉ mở được bằng địa chỉ 127.0.0.1 trên chính máy này.",
        );
    }
    if let Some(t) = query_token(&req)
        && same(t, &app.token)
    {
        let cookie = format!("{COOKIE}={}; HttpOnly; SameSite=Strict; Path=/", app.token);
        return (
            StatusCode::SEE_OTHER,
            [
                (header::SET_COOKIE, cookie),
                (header::LOCATION, "/".to_string()),
            ],
        )
            .into_response();
    }
    match cookie_token(req.headers()) {
        Some(t) if same(t, &app.token) => next.run(req).await,
        _ => refuse(
            StatusCode::FORBIDDEN,
            "Từ chối: thiếu mã truy cập. Mở trang bằng địa chỉ chibo in ra khi chạy `chibo giao-dien`.",
        ),
    }
}

fn refuse(status: StatusCode, why: &'static str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        why,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_must_be_the_loopback_with_this_port() {
        let mut h = HeaderMap::new();
        assert!(!loopback_host(&h, 8080));
        h.insert(
            header::HOST,
            "127.0.0.1:8080".parse().unwrap_or_else(|_| unreachable!()),
        );
        assert!(loopback_host(&h, 8080));
        assert!(!loopback_host(&h, 8081));
        h.insert(
            header::HOST,
            "evil.example:8080"
                .parse()
                .unwrap_or_else(|_| unreachable!()),
        );
        assert!(!loopback_host(&h, 8080));
    }

    #[test]
    fn tokens_compare_whole() {
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd"));
        assert!(!same("abc", "ab"));
    }
}
