//! `chibo init`: the working folder it writes (in a folder in use: init_keep.rs).
#![allow(clippy::unwrap_used)]

use std::io::Read as _;
use std::path::Path;
use std::process::{Command, Output};

use calamine::{Data, Reader as _, Xlsx, open_workbook};
use chibo::config::Config;

fn chibo(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chibo"))
        .args(["--lang", "vi"])
        .args(args)
        .output()
        .expect("run chibo")
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

/// Row `r` of a sheet as text.
fn row(wb: &mut Xlsx<std::io::BufReader<std::fs::File>>, sheet: &str, r: usize) -> Vec<String> {
    let range = wb.worksheet_range(sheet).expect("sheet");
    range
        .rows()
        .nth(r)
        .map(|cells| cells.iter().map(cell_text).collect())
        .unwrap_or_default()
}

fn sheet_xml(path: &Path, n: usize) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut s = String::new();
    zip.by_name(&format!("xl/worksheets/sheet{n}.xml"))
        .unwrap()
        .read_to_string(&mut s)
        .unwrap();
    s
}

#[test]
fn init_writes_config_form_and_templates() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("dang-uy");
    let out = chibo(&["init", target.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.starts_with("Đã thêm:\n  chibo.toml\n  mau-so-chi-bo.xlsx\n"),
        "{stdout}"
    );

    let text = std::fs::read_to_string(target.join("chibo.toml")).unwrap();
    assert_eq!(
        Config::parse(&text, "chibo.toml").unwrap(),
        Config::default()
    );

    let form = target.join("mau-so-chi-bo.xlsx");
    let mut wb: Xlsx<_> = open_workbook(&form).unwrap();
    assert_eq!(
        wb.sheet_names(),
        [
            "Thông tin",
            "Đảng viên",
            "Sinh hoạt",
            "Điểm danh",
            "Chấm điểm",
            "Biểu dương"
        ]
    );
    let labels: Vec<String> = (0..7)
        .map(|r| row(&mut wb, "Thông tin", r)[0].clone())
        .collect();
    assert_eq!(
        labels,
        [
            "Tên chi bộ",
            "Ký hiệu",
            "Đảng bộ cấp trên",
            "Địa danh",
            "Bí thư",
            "Phó Bí thư",
            "Nhiệm kỳ"
        ]
    );
    assert_eq!(
        row(&mut wb, "Đảng viên", 0),
        [
            "STT",
            "Họ và tên",
            "Ngày sinh",
            "Giới tính",
            "Ngày vào Đảng",
            "Ngày chính thức",
            "Số thẻ đảng viên",
            "Chức vụ",
            "Trạng thái",
            "Từ ngày",
            "Ngày chuyển đến",
            "Ghi chú"
        ]
    );
    let example = row(&mut wb, "Đảng viên", 1);
    assert_eq!(example[1], "Nguyễn Văn Mẫu");
    assert_eq!(
        example[6], "01234567",
        "the card number keeps its leading zero"
    );
    assert_eq!(example[8], "Chính thức");
    // The example row is marked in `Ghi chú` on every table sheet, grey italic.
    assert_eq!(example[11], "VÍ DỤ – xóa dòng này");
    for sheet in ["Sinh hoạt", "Điểm danh", "Chấm điểm", "Biểu dương"] {
        let r = row(&mut wb, sheet, 1);
        assert_eq!(r.last().unwrap(), "VÍ DỤ – xóa dòng này", "{sheet}");
    }
    let styles = {
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&form).unwrap()).unwrap();
        let mut s = String::new();
        zip.by_name("xl/styles.xml")
            .unwrap()
            .read_to_string(&mut s)
            .unwrap();
        s
    };
    assert!(
        styles.contains("<i/>") && styles.contains("FF808080"),
        "{styles}"
    );
    assert_eq!(
        row(&mut wb, "Điểm danh", 0),
        ["STT", "Ngày", "Họ và tên", "Tình trạng", "Lý do", "Ghi chú"]
    );
    assert_eq!(
        row(&mut wb, "Biểu dương", 0),
        [
            "STT",
            "Ngày",
            "Họ và tên",
            "Đối tượng",
            "Nội dung",
            "Hình thức",
            "Ghi chú"
        ]
    );
    let meetings = row(&mut wb, "Sinh hoạt", 0);
    assert_eq!(meetings.len(), 24);
    assert_eq!(meetings[1..4], ["Ngày", "Loại", "Nội dung"]);
    assert_eq!(meetings[21], "Tình trạng");
    let scores = row(&mut wb, "Chấm điểm", 0);
    assert_eq!(
        scores[3..8],
        [
            "1. Công tác chuẩn bị (15)",
            "2. Tỷ lệ đảng viên tham dự (20)",
            "3. Tổ chức sinh hoạt (45)",
            "4. Kết thúc hội nghị (20)",
            "Tổng điểm"
        ]
    );
    // The example score adds up: 15 + 20 + 45 + 18.
    assert_eq!(
        row(&mut wb, "Chấm điểm", 1)[3..8],
        ["15", "20", "45", "18", "98"]
    );

    // Drop-downs on the enumerated columns, frozen header rows.
    let members = sheet_xml(&form, 2);
    assert!(
        members.contains("<dataValidation type=\"list\""),
        "{members}"
    );
    assert!(members.contains("\"Nam,Nữ\""));
    assert!(members.contains("Chính thức,Dự bị,Miễn sinh hoạt"));
    assert!(members.contains("state=\"frozen\""));
    assert!(sheet_xml(&form, 3).contains("\"Đã họp,Kế hoạch,Hoãn\""));
    assert!(sheet_xml(&form, 3).contains("\"Thường kỳ,Chuyên đề,Thường kỳ + Chuyên đề\""));
    assert!(sheet_xml(&form, 4).contains("\"Có mặt,Vắng có lý do,Vắng không lý do,Miễn\""));
    assert!(sheet_xml(&form, 6).contains("\"Đảng viên,Quần chúng\""));

    // The default templates, one file each, in templates/.
    for (name, bytes) in chibo::view::default_templates() {
        assert_eq!(
            &std::fs::read(target.join("templates").join(name)).unwrap(),
            bytes
        );
    }
}
