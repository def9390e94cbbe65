//! The model stage on hand-built raw workbooks: info, people, meetings, commendations.

use crate::model_support;

use chibo::diagnostic::{Lang, Severity};
use chibo::model::{
    AttendanceSource, Birth, DeclaredStatus, MeetingKinds, MeetingStatus, Standing, Target,
};
use chibo::schema::{Col, InfoLabel, SheetKind};
use chibo::workbook::Value;
use chrono::NaiveTime;
use model_support::*;

#[test]
fn a_clean_workbook_has_no_diagnostics() {
    let raw = workbook(
        Some(standard_info()),
        vec![
            four_people(),
            meetings()
                .row(&["14/02/2024", "Thường kỳ", "Kiểm điểm tháng 1", "Đã họp"])
                .row(&["10/01/2024", "Chuyên đề", "Học tập và làm theo", "Đã họp"])
                .build(),
        ],
    );
    let (cell, diags) = build(&raw);
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(cell.file, "cb-thu.xlsx");
    assert_eq!(cell.info.name, "Chi bộ Thử Nghiệm");
    assert_eq!(cell.info.symbol, "CBTN");
    assert_eq!(cell.info.superior, "Đảng bộ Khối Mẫu");
    assert_eq!(cell.info.place, "Hà Tĩnh");
    assert_eq!(cell.info.secretary.as_deref(), Some("Lê Văn Mẫu"));
    assert_eq!(cell.people.len(), 4);
    let standings: Vec<Standing> = cell
        .people
        .iter()
        .map(|p| p.standing_on(d(2024, 2, 14)))
        .collect();
    assert_eq!(
        standings,
        [
            Standing::ChinhThuc,
            Standing::ChinhThuc,
            Standing::DuBi,
            Standing::QuanChung
        ]
    );
    assert_eq!(cell.people[0].birth, Some(Birth::Year(1975)));
    assert_eq!(cell.people[0].card_no.as_deref(), Some("01234567"));
    assert_eq!(cell.people[1].birth, Some(Birth::Date(d(1982, 8, 12))));
    assert_eq!(cell.people[0].source.row, 3);
    // Sorted by date.
    assert_eq!(cell.meetings[0].date, d(2024, 1, 10));
    assert_eq!(
        cell.meetings[0].topic.as_deref(),
        Some("Học tập và làm theo")
    );
    assert!(cell.meetings[0].kinds.thematic);
    assert_eq!(cell.meetings[1].date, d(2024, 2, 14));
    // Chair defaults to the Bí thư.
    assert_eq!(cell.meetings[1].chair.as_deref(), Some("Lê Văn Mẫu"));
    assert_eq!(cell.attendance_source, AttendanceSource::None);
}

#[test]
fn info_falls_back_to_the_config_and_reports_what_is_missing() {
    let raw = workbook(
        Some(info(&[(InfoLabel::Name, "Tên chi bộ", "")])),
        vec![four_people()],
    );
    let mut config = config();
    config.dang_uy.ten = "Đảng bộ Cấp Trên Mẫu".into();
    config.dang_uy.dia_danh = "Quảng Trị".into();
    let (cell, diags) = chibo::model::build_cell(&raw, &config, as_of());
    assert_eq!(cell.info.superior, "Đảng bộ Cấp Trên Mẫu");
    assert_eq!(cell.info.place, "Quảng Trị");
    assert_eq!(cell.info.name, "cb-thu", "the file stem stands in");
    let missing = with_code(&diags, "info.missing");
    assert_eq!(missing.len(), 2, "{diags:#?}");
    assert_eq!(missing[0].severity, Severity::Error);
    assert_eq!(
        missing[0].render(Lang::Vi),
        "lỗi: thiếu tên chi bộ (nhãn «Tên chi bộ»)\n  --> cb-thu.xlsx, trang tính 'Thông tin', dòng 1\n  gợi ý: ghi «Tên chi bộ» ở cột đầu và tên, ví dụ «Chi bộ 2», ở ô bên phải"
    );
    assert_eq!(missing[1].severity, Severity::Warning);
    assert_eq!(
        missing[1].message.vi,
        "thiếu ký hiệu của chi bộ (nhãn «Ký hiệu»): số văn bản sẽ để trống phần ký hiệu"
    );
    // Without the config either, the superior and the place are warnings too.
    let (_, diags) = build(&raw);
    assert_eq!(with_code(&diags, "info.missing").len(), 4);
}

#[test]
fn split_name_columns_are_joined() {
    let table = TableBuilder::new(SheetKind::Members, 0)
        .col("Họ và đệm", Col::FamilyAndMiddle)
        .col("Tên", Col::GivenName)
        .col("Trạng thái", Col::Status)
        .row(&["Nguyễn  Thị", "Mẫu", "Chính thức"])
        .build();
    let (cell, diags) = build(&workbook(Some(standard_info()), vec![table]));
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(cell.people[0].name, "Nguyễn Thị Mẫu");
    assert_eq!(cell.people[0].key, chibo::text::name_key("nguyễn thị mẫu"));
}

#[test]
fn card_numbers_stay_text_and_numbers_lose_the_point_zero() {
    let table = members()
        .row_values(vec![
            Some(t("1")),
            Some(t("Lê Văn Số")),
            None,
            Some(dt(2000, 1, 1)),
            Some(n(36892.0)),
            Some(n(12345678.0)),
        ])
        .build();
    let (cell, diags) = build(&workbook(Some(standard_info()), vec![table]));
    assert!(diags.is_empty(), "{diags:#?}");
    let p = &cell.people[0];
    assert_eq!(p.card_no.as_deref(), Some("12345678"));
    assert_eq!(p.joined, Some(d(2000, 1, 1)));
    assert_eq!(p.full_member_since, Some(d(2001, 1, 1)), "an Excel serial");
}

#[test]
fn status_aliases() {
    let cases = [
        ("chính thức", DeclaredStatus::ChinhThuc),
        ("DỰ BỊ", DeclaredStatus::DuBi),
        ("Miễn sinh hoạt", DeclaredStatus::MienSinhHoat),
        (
            "miễn công tác và sinh hoạt đảng",
            DeclaredStatus::MienSinhHoat,
        ),
        ("Miễn", DeclaredStatus::MienSinhHoat),
        ("Sinh hoạt tạm thời", DeclaredStatus::SinhHoatTamThoi),
        ("SHT", DeclaredStatus::SinhHoatTamThoi),
        ("Chuyển đi", DeclaredStatus::ChuyenDi),
        ("đã chuyển", DeclaredStatus::ChuyenDi),
        ("Từ trần", DeclaredStatus::TuTran),
        ("đã mất", DeclaredStatus::TuTran),
        ("qua đời", DeclaredStatus::TuTran),
        ("Quần chúng", DeclaredStatus::QuanChung),
        ("QC", DeclaredStatus::QuanChung),
    ];
    for (text, want) in cases {
        assert_eq!(
            chibo::model::parse_declared_status(text),
            Some(want),
            "{text}"
        );
    }
    assert_eq!(chibo::model::parse_declared_status("Khai trừ"), None);
}

#[test]
fn unknown_status_is_an_error_at_its_cell() {
    let table = members()
        .row(&["1", "Lê Văn Mẫu", "", "", "", "", "Khai trừ", ""])
        .build();
    let (cell, diags) = build(&workbook(Some(standard_info()), vec![table]));
    let e = one(&diags, "status.unknown");
    assert_eq!(e.severity, Severity::Error);
    assert_eq!(at(e), "'Đảng viên'!H4");
    assert_eq!(e.location.column.as_deref(), Some("Trạng thái"));
    assert_eq!(e.value.as_deref(), Some("Khai trừ"));
    assert_eq!(
        e.render(Lang::Vi),
        "lỗi: trạng thái không rõ: `Khai trừ`\n  --> cb-thu.xlsx, trang tính 'Đảng viên', ô H4 (cột «Trạng thái»)\n  gợi ý: dùng một trong: Chính thức, Dự bị, Miễn sinh hoạt, Sinh hoạt tạm thời, Chuyển đi, Từ trần, Quần chúng; để trống thì tính theo các ngày"
    );
    assert_eq!(cell.people.len(), 1, "the person is kept");
}

#[test]
fn invalid_date_is_reported_with_cell_column_and_value() {
    let table = members()
        .row(&["1", "Lê Văn Mẫu", "", "31/02/2020", "", "", "", ""])
        .build();
    let (cell, diags) = build(&workbook(Some(standard_info()), vec![table]));
    let e = one(&diags, "date.invalid");
    assert_eq!(
        e.render(Lang::Vi),
        "lỗi: ngày không hợp lệ: `31/02/2020`\n  --> cb-thu.xlsx, trang tính 'Đảng viên', ô E4 (cột «Ngày vào Đảng»)\n  gợi ý: ghi ngày theo dạng ngày/tháng/năm, ví dụ 14/02/2023"
    );
    assert_eq!(cell.people[0].joined, None);
}

#[test]
fn no_joined_and_no_status_columns_means_everyone_is_a_full_member() {
    let table = TableBuilder::new(SheetKind::Members, 0)
        .col("Họ và tên", Col::FullName)
        .col("Năm sinh", Col::Birth)
        .row(&["Lê Văn Mẫu", "1970"])
        .row(&["Trần Thị Hòa", "1980"])
        .build();
    let (cell, diags) = build(&workbook(Some(standard_info()), vec![table]));
    let w = one(&diags, "members.assumed_full");
    assert_eq!(w.severity, Severity::Warning);
    assert_eq!(
        w.message.vi,
        "trang «Đảng viên» không có cột «Ngày vào Đảng» hay «Trạng thái»: coi mọi người là đảng viên chính thức"
    );
    assert_eq!(diags.len(), 1, "warned once");
    assert!(
        cell.people
            .iter()
            .all(|p| p.standing_on(d(2024, 1, 1)) == Standing::ChinhThuc)
    );
}

#[test]
fn full_membership_before_admission_is_an_error() {
    let table = members()
        .row(&[
            "1",
            "Lê Văn Mẫu",
            "",
            "10/05/2020",
            "10/05/2019",
            "",
            "",
            "",
        ])
        .build();
    let (_, diags) = build(&workbook(Some(standard_info()), vec![table]));
    let e = one(&diags, "person.dates_order");
    assert_eq!(at(e), "'Đảng viên'!F4");
    assert_eq!(
        e.message.vi,
        "«Lê Văn Mẫu»: ngày chính thức 10/05/2019 trước ngày vào Đảng 10/05/2020"
    );
}

#[test]
fn duplicates_by_name_and_birth_or_by_card_are_errors_at_the_second_row() {
    let table = members()
        .row(&["1", "Lê Văn Mẫu", "1975", "", "", "0001", "Chính thức", ""])
        .row(&[
            "2",
            "Trần Thị Hòa",
            "1980",
            "",
            "",
            "0002",
            "Chính thức",
            "",
        ])
        .row(&[
            "3",
            "LÊ VĂN MẪU",
            "05/06/1975",
            "",
            "",
            "",
            "Chính thức",
            "",
        ])
        .row(&["4", "Võ Văn Khác", "1990", "", "", "0002", "Chính thức", ""])
        .row(&["5", "Lê Văn Mẫu", "1988", "", "", "", "Chính thức", ""])
        .build();
    let (cell, diags) = build(&workbook(Some(standard_info()), vec![table]));
    let dups = with_code(&diags, "person.duplicate");
    assert_eq!(dups.len(), 2, "{diags:#?}");
    assert_eq!(at(dups[0]), "'Đảng viên'!C6");
    assert_eq!(
        dups[0].message.vi,
        "«LÊ VĂN MẪU» bị ghi hai lần: trùng họ tên và ngày sinh với dòng 4; bỏ qua dòng này"
    );
    assert_eq!(at(dups[1]), "'Đảng viên'!C7");
    assert_eq!(
        dups[1].message.vi,
        "«Võ Văn Khác» bị ghi hai lần: trùng số thẻ đảng viên với dòng 5; bỏ qua dòng này"
    );
    // Same name, another birth year: two people.
    assert_eq!(cell.people.len(), 3);
}

#[test]
fn a_leaving_status_without_a_date_is_a_warning() {
    let table = members()
        .row(&[
            "1",
            "Lê Văn Mẫu",
            "",
            "01/01/1990",
            "01/01/1991",
            "",
            "Chuyển đi",
            "",
        ])
        .build();
    let (cell, diags) = build(&workbook(Some(standard_info()), vec![table]));
    let w = one(&diags, "status.no_since");
    assert_eq!(w.severity, Severity::Warning);
    assert_eq!(at(w), "'Đảng viên'!H4");
    assert_eq!(
        w.message.vi,
        "«Lê Văn Mẫu»: trạng thái «Chuyển đi» không có «Từ ngày»: coi như đã có hiệu lực từ trước mọi buổi sinh hoạt"
    );
    assert_eq!(
        cell.people[0].standing_on(d(2000, 1, 1)),
        Standing::DaChuyenDi
    );
}

#[test]
fn a_named_row_without_name_is_skipped_with_an_error() {
    let table = members()
        .row(&["1", "", "1975", "01/01/2000", "", "", "", ""])
        .row(&["2", "", "", "", "", "", "", ""])
        .build();
    let (cell, diags) = build(&workbook(Some(standard_info()), vec![table]));
    let e = one(&diags, "person.no_name");
    assert_eq!(at(e), "'Đảng viên'!C4");
    assert!(cell.people.is_empty());
}

fn full_meetings() -> TableBuilder {
    TableBuilder::new(SheetKind::Meetings, 0)
        .col("Ngày", Col::Date)
        .col("Loại", Col::Kind)
        .col("Nội dung", Col::Topic)
        .col("Giờ bắt đầu", Col::Start)
        .col("Giờ kết thúc", Col::End)
        .col("Có mặt", Col::Present)
        .col("Vắng có lý do", Col::Excused)
        .col("Đại biểu", Col::Guests)
        .col("Tình trạng", Col::MeetingStatus)
        .col("Kết luận", Col::Conclusion)
}

#[test]
fn meeting_values_are_parsed_the_ways_offices_type_them() {
    let table = full_meetings()
        .row_values(vec![
            Some(t("05/03/2024")),
            Some(t("TK+CĐ")),
            Some(t("Chuyên đề năm")),
            Some(Value::Time(14 * 3600)),
            Some(n(0.6875)),
            Some(t("21 đ/c")),
            Some(t("02")),
            Some(t("Đ/c Đại Biểu Một; Đ/c Hai\nĐ/c Ba")),
            None,
            None,
        ])
        .row_values(vec![
            Some(dt(2024, 4, 2)),
            None,
            None,
            Some(t("7h30")),
            Some(t("9 giờ 30")),
            None,
            None,
            None,
            None,
            Some(t("Thống nhất")),
        ])
        .row(&["06/05/2024", "", "", "", "", "", "", "", "", ""])
        .row(&["10/06/2024", "", "", "", "", "", "", "", "Hoãn", ""])
        .build();
    let (cell, diags) = build(&workbook(Some(standard_info()), vec![four_people(), table]));
    assert!(diags.is_empty(), "{diags:#?}");
    let m = &cell.meetings;
    assert_eq!(
        m[0].kinds,
        MeetingKinds {
            regular: true,
            thematic: true
        }
    );
    assert_eq!(m[0].start, NaiveTime::from_hms_opt(14, 0, 0));
    assert_eq!(m[0].end, NaiveTime::from_hms_opt(16, 30, 0));
    assert_eq!(m[0].duration_minutes(), Some(150));
    assert_eq!(m[0].counts.present, Some(21));
    assert_eq!(m[0].counts.excused, Some(2));
    assert_eq!(m[0].guests, ["Đ/c Đại Biểu Một", "Đ/c Hai", "Đ/c Ba"]);
    assert_eq!(m[0].status, MeetingStatus::Held, "counts are a result");
    assert!(m[1].kinds.regular, "empty Loại = thường kỳ");
    assert_eq!(m[1].duration_minutes(), Some(120));
    assert_eq!(m[1].status, MeetingStatus::Held, "a conclusion is a result");
    assert_eq!(m[2].status, MeetingStatus::Planned, "nothing recorded");
    assert_eq!(m[3].status, MeetingStatus::Postponed);
    assert_eq!(cell.attendance_source, AttendanceSource::Counts);
}

#[test]
fn bad_counts_and_times_are_errors() {
    let table = full_meetings()
        .row_values(vec![
            Some(t("05/03/2024")),
            None,
            None,
            Some(t("sáng")),
            None,
            Some(n(-3.0)),
            Some(n(2.5)),
            None,
            None,
            None,
        ])
        .build();
    let (_, diags) = build(&workbook(Some(standard_info()), vec![table]));
    let counts = with_code(&diags, "count.invalid");
    assert_eq!(counts.len(), 2);
    assert_eq!(at(counts[0]), "'Sinh hoạt'!G2");
    assert_eq!(counts[0].message.vi, "số lượng không được âm");
    assert_eq!(at(counts[1]), "'Sinh hoạt'!H2");
    assert_eq!(counts[1].message.vi, "số lượng phải là số nguyên");
    let time = one(&diags, "time.invalid");
    assert_eq!(at(time), "'Sinh hoạt'!E2");
    assert_eq!(time.value.as_deref(), Some("sáng"));
}

#[test]
fn a_thematic_meeting_needs_a_topic_and_kinds_must_be_known() {
    let table = meetings()
        .row(&["05/03/2024", "Chuyên đề", "", ""])
        .row(&["06/04/2024", "Họp bất thường", "", ""])
        .row(&["", "Thường kỳ", "Không ngày", ""])
        .row(&["07/05/2024", "", "", "Đang họp"])
        .build();
    let (cell, diags) = build(&workbook(Some(standard_info()), vec![table]));
    let e = one(&diags, "meeting.no_topic");
    assert_eq!(at(e), "'Sinh hoạt'!D2");
    assert_eq!(
        e.message.vi,
        "buổi sinh hoạt chuyên đề ngày 05/03/2024 chưa có «Nội dung» (tên chuyên đề)"
    );
    let k = one(&diags, "meeting.kind_unknown");
    assert_eq!(at(k), "'Sinh hoạt'!C3");
    let nd = one(&diags, "meeting.no_date");
    assert_eq!(at(nd), "'Sinh hoạt'!B4");
    assert_eq!(
        nd.message.vi,
        "buổi sinh hoạt không có ngày: bỏ qua dòng này"
    );
    let s = one(&diags, "meeting.status_unknown");
    assert_eq!(at(s), "'Sinh hoạt'!E5");
    assert_eq!(cell.meetings.len(), 3);
}

#[test]
fn a_held_meeting_after_today_is_a_warning() {
    let table = meetings()
        .row(&["05/03/2025", "Thường kỳ", "", "Đã họp"])
        .row(&["05/04/2025", "Thường kỳ", "", ""])
        .build();
    let (cell, diags) = build(&workbook(Some(standard_info()), vec![table]));
    let w = one(&diags, "meeting.held_in_future");
    assert_eq!(w.severity, Severity::Warning);
    assert_eq!(
        w.message.vi,
        "buổi sinh hoạt ngày 05/03/2025 ghi «Đã họp» nhưng ngày đó chưa tới (hôm nay là 31/12/2024)"
    );
    assert_eq!(w.location.a1().as_deref(), Some("2"));
    assert_eq!(cell.meetings[1].status, MeetingStatus::Planned);
}

#[test]
fn commendation_targets_come_from_the_sheet_or_the_standing() {
    let table = TableBuilder::new(SheetKind::Commendations, 0)
        .col("Ngày", Col::Date)
        .col("Họ và tên", Col::FullName)
        .col("Đối tượng", Col::Target)
        .col("Nội dung", Col::Content)
        .row(&["20/12/2024", "Lê Văn Mẫu", "", "Hoàn thành xuất sắc"])
        .row(&["20/12/2024", "Võ Thị Quần", "", "Tích cực"])
        .row(&["20/12/2024", "Người Ngoài Danh Sách", "", "Giúp đỡ"])
        .row(&["20/12/2024", "Trần Thị Hòa", "QC", ""])
        .row(&["20/12/2024", "Phạm Minh Thử", "ĐV", ""])
        .row(&["20/12/2024", "Phạm Minh Thử", "Cán bộ", ""])
        .build();
    let (cell, diags) = build(&workbook(Some(standard_info()), vec![four_people(), table]));
    let e = one(&diags, "target.unknown");
    assert_eq!(at(e), "'Biểu dương'!D7");
    let targets: Vec<Target> = cell.commendations.iter().map(|c| c.target).collect();
    assert_eq!(
        targets,
        [
            Target::DangVien,
            Target::QuanChung,
            Target::QuanChung,
            Target::QuanChung,
            Target::DangVien,
            Target::DangVien
        ]
    );
    assert_eq!(cell.commendations[0].person, Some(0));
    assert_eq!(cell.commendations[2].person, None);
}
