//! `chibo giao-dien` in a real browser (chromium through chromedriver's WebDriver API): the
//! office opens the address with the token, looks at the folder, checks the workbooks, picks
//! the period and the date, runs, watches it finish, downloads the `.zip` and finds every
//! document in it. Screenshots of each state go to `target/giao-dien/` to be looked at.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{Value, json};

use crate::support::tools;
use crate::web_support::{Page, copy_samples, scratch};

/// The element reference key of the WebDriver protocol.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A chromedriver process and one browser session, both ended when dropped.
struct Browser {
    driver: Child,
    base: String,
    session: String,
    http: ureq::Agent,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Browser {
    fn start(downloads: &Path, profile: &Path) -> Browser {
        let port = free_port();
        let driver = Command::new(tools::chromedriver())
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let base = format!("http://127.0.0.1:{port}");
        let http: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(120)))
            .build()
            .into();
        let deadline = Instant::now() + Duration::from_secs(30);
        while http.get(format!("{base}/status")).call().is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        let binary = tools::chromium();
        let caps = json!({ "capabilities": { "alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": binary,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1200,1400",
                    format!("--user-data-dir={}", profile.display()),
                ],
                "prefs": {
                    "download.default_directory": downloads.display().to_string(),
                    "download.prompt_for_download": false,
                },
            },
        }}});
        let mut b = Browser {
            driver,
            base,
            session: String::new(),
            http,
        };
        let v = b.call("POST", "/session", Some(caps));
        b.session = v["sessionId"].as_str().unwrap().to_string();
        b
    }

    /// A WebDriver command; returns its `value`.
    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let url = format!("{}{path}", self.base);
        let resp = match method {
            "GET" => self.http.get(&url).call(),
            "DELETE" => self.http.delete(&url).call(),
            _ => self
                .http
                .post(&url)
                .content_type("application/json")
                .send(body.unwrap_or_else(|| json!({})).to_string()),
        }
        .unwrap();
        let status = resp.status();
        let text = resp.into_body().read_to_string().unwrap();
        let v: Value = serde_json::from_str(&text).unwrap();
        assert!(status.is_success(), "{method} {path}: {v}");
        v.get("value").cloned().unwrap_or(v)
    }

    fn s(&self, path: &str) -> String {
        format!("/session/{}{path}", self.session)
    }

    fn go(&self, url: &str) {
        self.call("POST", &self.s("/url"), Some(json!({ "url": url })));
    }

    fn find(&self, css: &str) -> String {
        let v = self.call(
            "POST",
            &self.s("/element"),
            Some(json!({ "using": "css selector", "value": css })),
        );
        v[ELEMENT].as_str().unwrap().to_string()
    }

    fn click(&self, css: &str) {
        let id = self.find(css);
        self.call("POST", &self.s(&format!("/element/{id}/click")), None);
    }

    fn text(&self, css: &str) -> String {
        let id = self.find(css);
        let v = self.call("GET", &self.s(&format!("/element/{id}/text")), None);
        v.as_str().unwrap_or_default().to_string()
    }

    fn script(&self, js: &str) -> Value {
        self.call(
            "POST",
            &self.s("/execute/sync"),
            Some(json!({ "script": js, "args": [] })),
        )
    }

    /// Waits until `css`'s text contains `wanted`; returns the text.
    fn wait_text(&self, css: &str, wanted: &str, secs: u64) -> String {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            let t = self.text(css);
            if t.contains(wanted) {
                return t;
            }
            assert!(
                Instant::now() < deadline,
                "{css}: waited for «{wanted}», got «{t}»"
            );
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    fn screenshot(&self, name: &str) {
        let v = self.call("GET", &self.s("/screenshot"), None);
        let png = base64::engine::general_purpose::STANDARD
            .decode(v.as_str().unwrap())
            .unwrap();
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("giao-dien");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = self
                .http
                .delete(format!("{}/session/{}", self.base, self.session))
                .call();
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// Waits for a finished download (`.zip`, not Chromium's `.crdownload`) in `dir`.
fn downloaded(dir: &Path, secs: u64) -> PathBuf {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        let found = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|x| x == "zip"));
        if let Some(p) = found {
            return p;
        }
        assert!(Instant::now() < deadline, "no .zip downloaded");
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
#[cfg_attr(
    not(all(has_chromium, has_chromedriver)),
    ignore = "Chromium hoặc chromedriver không có trên máy"
)]
fn the_office_runs_a_quarter_and_downloads_everything() {
    let (_keep, dir) = scratch();
    let work = dir.join("dang-uy");
    copy_samples(&work);
    // A workbook that is not one: an error row in the check, the other cells produced anyway.
    std::fs::write(work.join("chi-bo-6-hong.xlsx"), b"day khong phai so Excel").unwrap();
    let downloads = dir.join("tai-ve");
    std::fs::create_dir_all(&downloads).unwrap();
    let page = Page::start(&work);
    let b = Browser::start(&downloads, &dir.join("chromium-profile"));

    open_with_token(&b, &page);
    check_workbooks(&b);
    run_the_quarter(&b);
    // Download everything as one .zip and look inside.
    b.click("#tai-zip button");
    let zip_path = downloaded(&downloads, 60);
    zip_holds_the_documents(&zip_path, &work.join("ket-qua/2025-Q4"));
    rerun_keeps_an_edited_document(&b, &work.join("ket-qua/2025-Q4"));
    upload_a_broken_template(&b, &dir);
    create_a_new_working_folder(&b, &work);
}

/// «Đổi thư mục…», then «Tạo thư mục làm việc ở đây» with a new name: the folder is made with
/// `chibo init`'s files and becomes the working folder.
fn create_a_new_working_folder(b: &Browser, work: &Path) {
    b.script("window.scrollTo(0, 0)");
    b.click("#nut-doi-thu-muc");
    b.wait_text("#danh-sach-thu-muc", "ket-qua", 20);
    b.screenshot("5-chon-thu-muc");
    b.script("document.getElementById('ten-moi').value = 'dang-uy-moi'");
    b.click("#nut-tao-moi");
    b.wait_text("#thu-muc-hien-tai", "dang-uy-moi", 20);
    let listing = b.wait_text("#bang-thu-muc", "mau-so-chi-bo.xlsx", 20);
    assert!(
        listing.contains("chibo.toml") && listing.contains("templates"),
        "{listing}"
    );
    let made = work.join("dang-uy-moi");
    assert!(made.join("chibo.toml").is_file());
    assert!(made.join("templates").join("bao-cao-quy.docx").is_file());
    b.screenshot("6-thu-muc-moi");
}

/// The address with the token: the page, the folder's workbooks listed, the token gone from
/// the address bar.
fn open_with_token(b: &Browser, page: &Page) {
    b.go(&page.url);
    b.wait_text("#bang-thu-muc", "chi-bo-1.xlsx", 20);
    assert!(b.text("#thu-muc-hien-tai").ends_with("dang-uy"));
    let url = b.script("return location.href");
    let url = url.as_str().unwrap();
    assert!(
        !url.contains("token"),
        "the token stays in the address bar: {url}"
    );
    b.screenshot("1-thu-muc");
}

/// The check: the broken workbook is an error row naming its file; "only warnings" hides it.
fn check_workbooks(b: &Browser) {
    b.script("document.getElementById('ngay-kiem-tra').value = '31/12/2025'");
    b.click("#nut-kiem-tra");
    let summary = b.wait_text("#tom-tat-kiem-tra", "Đã đọc 6 sổ", 60);
    assert!(summary.contains("5 sổ dùng được"), "{summary}");
    let table = b.text("#bang-kiem-tra");
    assert!(
        table.contains("chi-bo-6-hong.xlsx") && table.contains("Lỗi"),
        "{table}"
    );
    b.screenshot("2-kiem-tra");
    b.script(
        "const s = document.getElementById('loc-muc'); s.value = 'warning';
         s.dispatchEvent(new Event('change'));",
    );
    let rows = b.script("return document.querySelectorAll('#bang-kiem-tra tbody tr').length");
    assert_eq!(rows, json!(0));
}

/// Quarter IV of 2025, "today" the last day of the year: run, watch it end, see the results.
fn run_the_quarter(b: &Browser) {
    b.script(
        "document.getElementById('loai-ky').value = 'quy';
         document.getElementById('loai-ky').dispatchEvent(new Event('change'));
         document.getElementById('so-quy').value = '4';
         document.getElementById('nam').value = '2025';
         document.getElementById('ngay-chay').value = '31/12/2025';",
    );
    b.click("#nut-chay");
    let done = b.wait_text("#chu-tien-do", "Xong", 180);
    assert!(done.contains("có sổ bị bỏ qua"), "{done}");
    let lines = b.text("#dong-chay");
    let bar = b.script("return document.getElementById('thanh-tien-do').style.width");
    assert_eq!(bar, json!("100%"), "the bar ends full");
    assert!(lines.contains("chi-bo-6-hong.xlsx: BỎ QUA"), "{lines}");
    b.wait_text("#ket-qua", "bao-cao-tong-hop-2025-Q4.docx", 30);
    let results = b.text("#ket-qua");
    assert!(results.contains("tong-hop-2025-Q4.xlsx"), "{results}");
    b.screenshot("3-ket-qua");
}

/// The archive holds every document of the output folder, byte for byte, each a Word
/// document in the Party format, and the workbook and the log.
fn zip_holds_the_documents(zip_path: &Path, out: &Path) {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(zip_path).unwrap()).unwrap();
    let names: Vec<String> = (0..zip.len())
        .map(|i| zip.by_index(i).unwrap().name().unwrap().into_owned())
        .collect();
    let on_disk = chibo::pdf::documents_under(out);
    let docx: Vec<&String> = names.iter().filter(|n| n.ends_with(".docx")).collect();
    assert_eq!(docx.len(), on_disk.len(), "{names:?}");
    assert!(docx.len() >= 25, "{names:?}");
    assert!(
        names.iter().any(|n| n == "tong-hop-2025-Q4.xlsx"),
        "{names:?}"
    );
    assert!(names.iter().any(|n| n == "nhat-ky.txt"), "{names:?}");
    for name in &docx {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut zip.by_name(name).unwrap(), &mut bytes).unwrap();
        assert_eq!(bytes, std::fs::read(out.join(name)).unwrap(), "{name}");
        let mut doc = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut doc.by_name("word/document.xml").unwrap(), &mut xml)
            .unwrap();
        assert!(xml.contains("ĐẢNG CỘNG SẢN VIỆT NAM"), "{name}");
    }
}

/// A document edited after the run (here: its bytes changed) is kept by the next run, and the
/// page lists it.
fn rerun_keeps_an_edited_document(b: &Browser, out: &Path) {
    let edited = out.join("bao-cao-tong-hop-2025-Q4.docx");
    let mut bytes = std::fs::read(&edited).unwrap();
    bytes.extend_from_slice(b"sua tay");
    std::fs::write(&edited, &bytes).unwrap();
    // The first run's «Xong» cleared, so that the one waited for is the second run's.
    b.script("document.getElementById('chu-tien-do').textContent = ''");
    b.click("#nut-chay");
    b.wait_text("#chu-tien-do", "Xong", 180);
    let kept = b.wait_text("#giu-nguyen", "bao-cao-tong-hop-2025-Q4.docx", 30);
    assert!(
        kept.contains("Văn bản giữ nguyên vì đã được sửa tay"),
        "{kept}"
    );
    assert_eq!(
        std::fs::read(&edited).unwrap(),
        bytes,
        "the edited document was overwritten"
    );
    b.script("document.getElementById('giu-nguyen').scrollIntoView()");
    b.screenshot("3b-giu-nguyen");
}

/// The templates: the five listed, and a broken upload explained.
fn upload_a_broken_template(b: &Browser, dir: &Path) {
    let templates = b.text("#bang-mau");
    assert!(templates.contains("Báo cáo quý của chi bộ"), "{templates}");
    let broken = dir.join("mau-hong.docx");
    std::fs::write(&broken, b"not a zip").unwrap();
    let input = b.find("#tep-mau");
    b.call(
        "POST",
        &b.s(&format!("/element/{input}/value")),
        Some(json!({ "text": broken.display().to_string() })),
    );
    b.click("#nut-kiem-tra-mau");
    b.wait_text("#ket-qua-mau", "Mẫu có 1 lỗi", 30);
    assert!(b.text("#ten-tep-mau").contains("mau-hong.docx"));
    b.script("document.getElementById('muc-mau').scrollIntoView()");
    b.screenshot("4-mau");
}
