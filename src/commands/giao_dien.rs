//! `chibo giao-dien`: serves the working page on this computer and opens it in the browser.

use crate::cli::GiaoDienArgs;
use crate::diagnostic::Lang;
use crate::t;

use super::common::say_error;

/// Runs `chibo giao-dien` until it is stopped (Ctrl+C, or closing its window).
#[must_use]
pub fn run(args: &GiaoDienArgs, lang: Lang) -> u8 {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_io()
        .enable_time()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            let why = crate::os_error::describe(&e);
            say_error(
                lang,
                &t!("không khởi động được trang: {}", why.vi ; "cannot start the page: {}", why.en),
            );
            return super::EXIT_FAIL;
        }
    };
    runtime.block_on(serve(args, lang))
}

async fn serve(args: &GiaoDienArgs, lang: Lang) -> u8 {
    let server = match crate::web::bind(args.dir.clone()).await {
        Ok(s) => s,
        Err(e) => {
            let why = crate::os_error::describe(&e);
            let dir = args.dir.display();
            say_error(
                lang,
                &t!("không mở được trang cho thư mục {dir}: {}", why.vi ; "cannot open the page for the folder {dir}: {}", why.en),
            );
            return super::EXIT_FAIL;
        }
    };
    let url = server.url.clone();
    // Written, not `println!`: the page must keep running when its window or pipe is closed.
    say(
        &t!("Trang làm việc của chibo: {url}\nMở địa chỉ này trong trình duyệt (chỉ trên máy này). Đóng cửa sổ này hoặc bấm Ctrl+C để dừng." ;
           "chibo's working page: {url}\nOpen this address in a browser (this computer only). Close this window or press Ctrl+C to stop."),
        lang,
    );
    if !args.khong_mo && webbrowser::open(&url).is_err() {
        say(
            &t!("(không tự mở được trình duyệt: hãy chép địa chỉ trên vào trình duyệt)" ;
                "(could not open the browser: copy the address above into one)"),
            lang,
        );
    }
    match server.serve().await {
        Ok(()) => super::EXIT_OK,
        Err(e) => {
            let why = crate::os_error::describe(&e);
            say_error(
                lang,
                &t!("trang dừng vì lỗi: {}", why.vi ; "the page stopped: {}", why.en),
            );
            super::EXIT_FAIL
        }
    }
}

/// A line on stdout; a closed stdout is not an error here.
fn say(text: &crate::diagnostic::Text, lang: Lang) {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{}", text.get(lang));
    let _ = out.flush();
}
