//! The page and what its buttons ask the server for. Every answer's words are Vietnamese.

use std::convert::Infallible;
use std::path::{Path, PathBuf};

use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::{StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::{Value, json};

use super::files::{self, inside};
use super::jobs::RunRequest;
use super::{App, Shared};
use crate::aggregate::Period;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Lang};

/// The page: one HTML file with its style and script, embedded.
const PAGE: &str = include_str!("page.html");

/// Largest template the page accepts (a `.docx` with pictures is a few MB).
const MAX_UPLOAD: usize = 64 * 1024 * 1024;

pub(super) fn router(app: Shared) -> Router {
    Router::new()
        .route("/", get(page))
        .route("/api/thu-muc", get(folder).post(choose_folder))
        .route("/api/duyet", get(browse))
        .route("/api/kiem-tra", get(check))
        .route("/api/chay", post(start_run))
        .route("/api/tien-do", get(progress))
        .route("/api/ket-qua", get(results))
        .route("/api/zip", get(zip))
        .route("/api/mau", get(templates).post(upload_template))
        .route("/tep/{*path}", get(file))
        .route("/mau/{name}", get(default_template))
        .layer(DefaultBodyLimit::max(MAX_UPLOAD))
        .with_state(app)
}

/// A refusal or failure, worded for the office.
fn problem(status: StatusCode, message: impl Into<String>) -> Response {
    (status, Json(json!({ "loi": message.into() }))).into_response()
}

async fn page() -> Html<&'static str> {
    Html(PAGE)
}

/// The working folder and what is in it (`?con=<folder inside it>` for a sub-folder).
#[derive(Deserialize)]
struct FolderQuery {
    con: Option<String>,
}

async fn folder(State(app): State<Shared>, Query(q): Query<FolderQuery>) -> Response {
    let root = app.folder();
    let dir = match q.con.as_deref() {
        None | Some("") => root.clone(),
        Some(rel) => match inside(&root, rel) {
            Some(d) if d.is_dir() => d,
            _ => return outside(),
        },
    };
    Json(folder_json(&root, &dir)).into_response()
}

fn folder_json(root: &Path, dir: &Path) -> Value {
    json!({
        "duong_dan": root.display().to_string(),
        "con": files::relative(root, dir),
        "co_cau_hinh": root.join("chibo.toml").is_file(),
        "muc": files::list(root, dir),
    })
}

fn outside() -> Response {
    problem(
        StatusCode::FORBIDDEN,
        "Từ chối: đường dẫn nằm ngoài thư mục làm việc.",
    )
}

/// The folders of a folder of this computer, to choose the working folder with the mouse.
#[derive(Deserialize)]
struct BrowseQuery {
    duong_dan: Option<String>,
}

async fn browse(State(app): State<Shared>, Query(q): Query<BrowseQuery>) -> Response {
    let dir = q
        .duong_dan
        .filter(|d| !d.trim().is_empty())
        .map_or_else(|| app.folder(), PathBuf::from);
    let Ok(dir) = dunce::canonicalize(&dir) else {
        return problem(StatusCode::NOT_FOUND, "Không tìm thấy thư mục này.");
    };
    let mut subfolders: Vec<Value> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.flatten()
                .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| !n.starts_with('.'))
                .map(|n| json!({ "ten": n, "duong_dan": dir.join(&n).display().to_string() }))
                .collect()
        })
        .unwrap_or_default();
    subfolders.sort_by(|a, b| a["ten"].as_str().cmp(&b["ten"].as_str()));
    Json(json!({
        "duong_dan": dir.display().to_string(),
        "cha": dir.parent().map(|p| p.display().to_string()),
        "thu_muc": subfolders,
    }))
    .into_response()
}

#[derive(Deserialize)]
struct ChooseFolder {
    duong_dan: String,
    /// Make it a working folder (`chibo init`: the files it lacks; nothing overwritten).
    #[serde(default)]
    tao_moi: bool,
}

async fn choose_folder(State(app): State<Shared>, Json(req): Json<ChooseFolder>) -> Response {
    let dir = PathBuf::from(req.duong_dan.trim());
    if req.tao_moi
        && let Err(message) = init_folder(&dir)
    {
        return problem(StatusCode::UNPROCESSABLE_ENTITY, message);
    }
    match dunce::canonicalize(&dir) {
        Ok(d) if d.is_dir() => {
            app.set_folder(d.clone());
            Json(folder_json(&d, &d)).into_response()
        }
        _ => problem(StatusCode::NOT_FOUND, "Không tìm thấy thư mục này."),
    }
}

/// `chibo init` into `dir`, the same library call as the command: the files it does not have
/// yet, nothing overwritten.
fn init_folder(dir: &Path) -> Result<(), String> {
    // The form follows the scheme of this year when chibo.toml leaves it to the year.
    let year = chrono::Datelike::year(&crate::cli::today(None));
    let report = crate::commands::init::init_folder(dir, false, year, Lang::Vi)?;
    match report.failed.first() {
        None => Ok(()),
        Some((rel, why)) => Err(format!(
            "Không ghi được {}: {}",
            rel.to_string_lossy().replace('\\', "/"),
            why.vi
        )),
    }
}

/// "Today" as the page sends it (`2025-12-31`).
#[derive(Deserialize)]
struct DateQuery {
    ngay: Option<String>,
}

fn parse_day(day: Option<&str>) -> Result<chrono::NaiveDate, Box<Response>> {
    let day = day.unwrap_or_default();
    crate::dates::parse_text_date(day).ok_or_else(|| {
        Box::new(problem(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("Ngày không hợp lệ: «{day}»."),
        ))
    })
}

/// `chibo check`: one row per problem, with the cell it belongs to.
async fn check(State(app): State<Shared>, Query(q): Query<DateQuery>) -> Response {
    let as_of = match parse_day(q.ngay.as_deref()) {
        Ok(d) => d,
        Err(r) => return *r,
    };
    let root = app.folder();
    match tokio::task::spawn_blocking(move || check_rows(&root, as_of)).await {
        Ok(v) => Json(v).into_response(),
        Err(_) => problem(StatusCode::INTERNAL_SERVER_ERROR, "Kiểm tra bị gián đoạn."),
    }
}

fn check_rows(root: &Path, as_of: chrono::NaiveDate) -> Value {
    let row = |cell: &str, d: &Diagnostic| {
        let mut j = d.to_json(Lang::Vi);
        if let Some(o) = j.as_object_mut() {
            o.insert("chi_bo".into(), cell.into());
        }
        j
    };
    let options = crate::batch::CheckOptions {
        dir: root.to_path_buf(),
        as_of,
        jobs: None,
    };
    let report = match crate::batch::check(&options, &crate::batch::Silent) {
        Ok(r) => r,
        Err(f) => {
            let rows: Vec<Value> = f.diagnostics.iter().map(|d| row("", d)).collect();
            return json!({ "so": 0, "dung_duoc": 0, "dong": rows, "loi": f.message.vi });
        }
    };
    let mut rows: Vec<Value> = report.diagnostics.iter().map(|d| row("", d)).collect();
    for w in &report.workbooks {
        let name = w.cell.as_ref().map_or(w.file.as_str(), |c| {
            if c.name.is_empty() {
                w.file.as_str()
            } else {
                c.name.as_str()
            }
        });
        rows.extend(w.diagnostics.iter().map(|d| row(name, d)));
    }
    let usable = report.workbooks.iter().filter(|w| w.usable()).count();
    json!({ "so": report.workbooks.len(), "dung_duoc": usable, "dong": rows })
}

#[derive(Deserialize)]
struct StartRun {
    ky: String,
    ngay: String,
    #[serde(default)]
    pdf: bool,
}

async fn start_run(State(app): State<Shared>, Json(req): Json<StartRun>) -> Response {
    let period = match Period::parse(&req.ky) {
        Ok(p) => p,
        Err(e) => return problem(StatusCode::UNPROCESSABLE_ENTITY, e.vi),
    };
    let as_of = match parse_day(Some(&req.ngay)) {
        Ok(d) => d,
        Err(r) => return *r,
    };
    let started = app.runs.start(RunRequest {
        folder: app.folder(),
        period: req.ky,
        code: period.code(),
        as_of,
        pdf: req.pdf,
    });
    if started {
        (StatusCode::ACCEPTED, Json(json!({ "ky": period.code() }))).into_response()
    } else {
        problem(
            StatusCode::CONFLICT,
            "Đang tạo văn bản: chờ lần chạy này xong rồi chạy lại.",
        )
    }
}

/// The run's state each time it changes, as server-sent events; the last one has `ma_thoat`.
async fn progress(
    State(app): State<Shared>,
) -> Sse<impl futures_util::Stream<Item = Result<Event, Infallible>>> {
    let rx = app.runs.watch();
    let stream = futures_util::stream::unfold((rx, true), |(mut rx, first)| async move {
        if !first && rx.changed().await.is_err() {
            return None;
        }
        let state = rx.borrow_and_update().clone();
        let event = Event::default().json_data(&state).unwrap_or_default();
        Some((Ok(event), (rx, false)))
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

#[derive(Deserialize)]
struct PeriodQuery {
    ky: String,
}

/// The output folder of a period, relative to the working folder, and the folder itself.
fn out_dir(app: &App, ky: &str) -> Result<(PathBuf, PathBuf), Box<Response>> {
    let root = app.folder();
    let period =
        Period::parse(ky).map_err(|e| Box::new(problem(StatusCode::UNPROCESSABLE_ENTITY, e.vi)))?;
    let config = Config::load(&root).unwrap_or_default();
    let rel = crate::output::safe_relative_path(&config.dau_ra.thu_muc).join(period.code());
    let dir = root.join(&rel);
    if !dir.is_dir() {
        return Err(Box::new(problem(
            StatusCode::NOT_FOUND,
            "Chưa có kết quả của kỳ này: bấm «Tạo văn bản» trước.",
        )));
    }
    Ok((root, dir))
}

/// The files of a period's results: per cell folder, the committee's files at the root, the
/// run log, and the documents kept because someone edited them.
async fn results(State(app): State<Shared>, Query(q): Query<PeriodQuery>) -> Response {
    let (root, dir) = match out_dir(&app, &q.ky) {
        Ok(x) => x,
        Err(r) => return *r,
    };
    let entries = files::list(&root, &dir);
    let log = crate::input::read_at_most(&dir.join("nhat-ky.txt"), crate::input::SETTINGS_MAX)
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default();
    let names = cell_names(&log);
    let cells: Vec<Value> = entries
        .iter()
        .filter(|e| e.thu_muc)
        .map(|e| {
            let shown = names
                .iter()
                .find(|n| folder_of(n).contains(&e.ten))
                .map_or(e.ten.as_str(), String::as_str);
            json!({ "ten": shown, "tep": files::files_under(&root, &root.join(&e.duong_dan)) })
        })
        .collect();
    let own: Vec<&files::Entry> = entries.iter().filter(|e| !e.thu_muc).collect();
    Json(json!({
        "thu_muc": files::relative(&root, &dir),
        "chi_bo": cells,
        "dang_uy": own,
        "nhat_ky": log,
        "giu_nguyen": kept_lines(&log),
    }))
    .into_response()
}

/// The cells' names as the run log lists them under `ĐÃ ĐỌC`
/// (`- chi-bo-1.xlsx: Chi bộ Văn phòng Sở, 20 người, …`).
fn cell_names(log: &str) -> Vec<String> {
    log.lines()
        .skip_while(|l| *l != "ĐÃ ĐỌC")
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.strip_prefix("- "))
        .filter_map(|l| {
            l.split_once(": ")?
                .1
                .split_once(", ")
                .map(|(n, _)| n.to_string())
        })
        .collect()
}

/// The folder a run gives a cell of that name: ASCII, or the name itself when the committee
/// keeps Vietnamese file names.
fn folder_of(name: &str) -> [String; 2] {
    [
        crate::text::ascii_slug(name),
        crate::output::safe_component(name),
    ]
}

/// The log's lines under a heading that starts with `GIỮ` (the documents a rerun kept because
/// they were edited).
fn kept_lines(log: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut on = false;
    for line in log.lines() {
        if line.trim().is_empty() {
            on = false;
        } else if line.starts_with("GIỮ") {
            on = true;
        } else if on && line.starts_with("- ") {
            out.push(line.trim_start_matches("- ").to_string());
        }
    }
    out
}

/// Every file of a period's results as one `.zip`.
async fn zip(State(app): State<Shared>, Query(q): Query<PeriodQuery>) -> Response {
    let (root, dir) = match out_dir(&app, &q.ky) {
        Ok(x) => x,
        Err(r) => return *r,
    };
    let name = format!(
        "chibo-{}.zip",
        dir.file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default()
    );
    match tokio::task::spawn_blocking(move || files::zip_folder(&root, &dir)).await {
        Ok(Ok(f)) => files::send(f, &name, Path::new(&name), true),
        Ok(Err(e)) => problem(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!(
                "Không tạo được tệp nén: {}",
                crate::os_error::describe(&e).vi
            ),
        ),
        Err(_) => problem(StatusCode::INTERNAL_SERVER_ERROR, "Không tạo được tệp nén."),
    }
}

/// A file of the working folder (documents open in the browser or in Word).
async fn file(
    State(app): State<Shared>,
    axum::extract::Path(rel): axum::extract::Path<String>,
) -> Response {
    let root = app.folder();
    let Some(path) = inside(&root, &rel) else {
        return outside();
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match std::fs::File::open(&path) {
        Ok(f) if path.is_file() => files::send(f, &name, &path, false),
        _ => problem(StatusCode::NOT_FOUND, "Không mở được tệp này."),
    }
}

/// The templates, and which the working folder has its own copy of.
async fn templates(State(app): State<Shared>) -> Json<Value> {
    let own = own_templates_dir(&app.folder());
    // The templates a committee may replace: every kind's (`view::registry::KINDS`).
    let list: Vec<Value> = crate::view::registry::template_files()
        .map(|t| json!({ "ten": t.file, "nhan": t.label, "rieng": own.join(t.file).is_file() }))
        .collect();
    Json(json!({ "mau": list }))
}

fn own_templates_dir(root: &Path) -> PathBuf {
    let config = Config::load(root).unwrap_or_default();
    root.join(crate::output::safe_relative_path(&config.dau_ra.mau))
}

/// A built-in template, to edit in Word.
async fn default_template(axum::extract::Path(name): axum::extract::Path<String>) -> Response {
    if crate::view::registry::template_file(&name).is_none() {
        return problem(StatusCode::NOT_FOUND, "Không có mẫu này.");
    }
    match crate::view::template_bytes(&name, None) {
        Ok(bytes) => (
            [
                (
                    header::CONTENT_TYPE,
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                        .to_string(),
                ),
                (header::CONTENT_DISPOSITION, files::attachment(&name)),
            ],
            bytes.into_owned(),
        )
            .into_response(),
        Err(_) => problem(StatusCode::NOT_FOUND, "Không có mẫu này."),
    }
}

#[derive(Deserialize)]
struct UploadQuery {
    ten: String,
    /// Save it into the folder's templates when it has no problem.
    #[serde(default)]
    luu: bool,
}

/// An edited template: `template check`'s findings, and with `luu` it replaces the built-in one
/// in the working folder's templates (only when it has no problem).
async fn upload_template(
    State(app): State<Shared>,
    Query(q): Query<UploadQuery>,
    body: Bytes,
) -> Response {
    if crate::view::registry::template_file(&q.ten).is_none() {
        return problem(
            StatusCode::UNPROCESSABLE_ENTITY,
            "Chọn mẫu cần thay trong danh sách.",
        );
    }
    let root = app.folder();
    let config = Config::load(&root).unwrap_or_default();
    let limits = crate::docx::TemplateLimits::from_config(&config.gioi_han);
    let name = q.ten.clone();
    let checked = tokio::task::spawn_blocking(move || {
        let (diags, vars) = crate::docx::check_template_with_limits(&body, &name, limits);
        (diags, vars, body)
    })
    .await;
    let Ok((diags, vars, body)) = checked else {
        return problem(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Kiểm tra mẫu bị gián đoạn.",
        );
    };
    let problems: Vec<Value> = diags
        .iter()
        .map(|d| {
            let mut j = d.to_json(Lang::Vi);
            if let Some(o) = j.as_object_mut() {
                let place = d.location.place.as_ref().map(|p| p.vi.clone());
                o.insert("vi_tri".into(), place.into());
            }
            j
        })
        .collect();
    let mut saved = false;
    if q.luu && diags.is_empty() {
        let path = own_templates_dir(&root).join(&q.ten);
        if let Err(e) = crate::output::write_atomic(&path, &body) {
            return problem(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("Không lưu được mẫu: {}", crate::os_error::describe(&e).vi),
            );
        }
        saved = true;
    }
    Json(json!({
        "ten": q.ten,
        "dung_duoc": diags.is_empty(),
        "loi": problems,
        "bien": vars,
        "da_luu": saved,
    }))
    .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_from_the_log() {
        let log = "NHẬT KÝ CHẠY CHIBO\n\nĐÃ ĐỌC\n- a.xlsx: Chi bộ Thư viện tỉnh, 15 người, 18 buổi; 0 cảnh báo\n- b.xlsx: BỎ QUA vì có 1 lỗi, 0 cảnh báo\n\nĐÃ TẠO\n- x: y, z\n";
        assert_eq!(
            cell_names(log),
            ["Chi bộ Thư viện tỉnh", "BỎ QUA vì có 1 lỗi"]
        );
        assert!(folder_of("Chi bộ Thư viện tỉnh").contains(&"chi-bo-thu-vien-tinh".to_string()));
        let kept = "GIỮ NGUYÊN\n- chi-bo-1/bien-ban.docx\n\nX\n- y\n";
        assert_eq!(kept_lines(kept), ["chi-bo-1/bien-ban.docx"]);
    }
}
