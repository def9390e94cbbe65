//! A person's standing on a given day, from the dated fields of the `Đảng viên` sheet.

use chrono::NaiveDate;

use super::{DeclaredStatus, Person, Standing};

impl Person {
    /// The standing on day `d` (spec `input-workbook.md`, "A person's standing is dated"):
    /// not yet on the rolls before `Ngày chuyển đến`; off the rolls from `Từ ngày` of
    /// `Chuyển đi`/`Từ trần`; a quần chúng before `Ngày vào Đảng`; dự bị until
    /// `Ngày chính thức`, chính thức from it; exempted from `Từ ngày` of `Miễn sinh hoạt`.
    #[must_use]
    pub fn standing_on(&self, d: NaiveDate) -> Standing {
        if self.transferred_in.is_some_and(|t| d < t) {
            return Standing::ChuaDen;
        }
        let since_ok = self.status_since.is_none_or(|s| s <= d);
        match self.status {
            Some(DeclaredStatus::ChuyenDi) if since_ok => return Standing::DaChuyenDi,
            Some(DeclaredStatus::TuTran) if since_ok => return Standing::DaTuTran,
            Some(DeclaredStatus::QuanChung) => return Standing::QuanChung,
            _ => {}
        }
        let member = match self.joined {
            Some(j) => {
                if d < j {
                    return Standing::QuanChung;
                }
                if self.full_member_since.is_some_and(|f| f <= d) {
                    Standing::ChinhThuc
                } else if self.full_member_since.is_none()
                    && self.status != Some(DeclaredStatus::DuBi)
                    && self.declared_full()
                {
                    // Declared chính thức with no date: trust the declaration.
                    Standing::ChinhThuc
                } else {
                    Standing::DuBi
                }
            }
            None => match self.status {
                Some(DeclaredStatus::DuBi) => Standing::DuBi,
                Some(
                    DeclaredStatus::ChinhThuc
                    | DeclaredStatus::MienSinhHoat
                    | DeclaredStatus::SinhHoatTamThoi
                    | DeclaredStatus::ChuyenDi
                    | DeclaredStatus::TuTran,
                ) => {
                    if self.full_member_since.is_some_and(|f| f > d) {
                        Standing::DuBi
                    } else {
                        Standing::ChinhThuc
                    }
                }
                Some(DeclaredStatus::QuanChung) | None => {
                    if self.full_member_since.is_some_and(|f| f <= d) {
                        Standing::ChinhThuc
                    } else {
                        return Standing::QuanChung;
                    }
                }
            },
        };
        if self.status == Some(DeclaredStatus::MienSinhHoat) && since_ok {
            return Standing::MienSinhHoat;
        }
        member
    }

    /// The sheet says this person is a full member (or a status only full members have).
    fn declared_full(&self) -> bool {
        matches!(
            self.status,
            Some(
                DeclaredStatus::ChinhThuc
                    | DeclaredStatus::MienSinhHoat
                    | DeclaredStatus::SinhHoatTamThoi
                    | DeclaredStatus::ChuyenDi
                    | DeclaredStatus::TuTran
            )
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Source;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn person() -> Person {
        Person {
            name: "Lê Văn Tám".into(),
            key: String::new(),
            birth: None,
            gender: None,
            joined: None,
            full_member_since: None,
            card_no: None,
            role: None,
            status: None,
            status_since: None,
            transferred_in: None,
            temporary: false,
            note: None,
            source: Source::default(),
        }
    }

    #[test]
    fn probation_then_full() {
        let p = Person {
            joined: Some(d(2023, 3, 10)),
            full_member_since: Some(d(2024, 3, 10)),
            ..person()
        };
        assert_eq!(p.standing_on(d(2023, 3, 9)), Standing::QuanChung);
        assert_eq!(p.standing_on(d(2023, 3, 10)), Standing::DuBi);
        assert_eq!(p.standing_on(d(2024, 3, 9)), Standing::DuBi);
        assert_eq!(p.standing_on(d(2024, 3, 10)), Standing::ChinhThuc);
    }

    #[test]
    fn exemption_transfer_death() {
        let base = Person {
            joined: Some(d(1990, 1, 1)),
            full_member_since: Some(d(1991, 1, 1)),
            ..person()
        };
        let ex = Person {
            status: Some(DeclaredStatus::MienSinhHoat),
            status_since: Some(d(2023, 6, 1)),
            ..base.clone()
        };
        assert_eq!(ex.standing_on(d(2023, 5, 31)), Standing::ChinhThuc);
        assert_eq!(ex.standing_on(d(2023, 6, 1)), Standing::MienSinhHoat);
        let out = Person {
            status: Some(DeclaredStatus::ChuyenDi),
            status_since: Some(d(2023, 8, 15)),
            ..base.clone()
        };
        assert_eq!(out.standing_on(d(2023, 8, 14)), Standing::ChinhThuc);
        assert_eq!(out.standing_on(d(2023, 8, 15)), Standing::DaChuyenDi);
        let dead = Person {
            status: Some(DeclaredStatus::TuTran),
            status_since: Some(d(2023, 2, 1)),
            ..base.clone()
        };
        assert_eq!(dead.standing_on(d(2023, 2, 1)), Standing::DaTuTran);
        let moved_in = Person {
            transferred_in: Some(d(2023, 4, 1)),
            ..base
        };
        assert_eq!(moved_in.standing_on(d(2023, 3, 31)), Standing::ChuaDen);
        assert_eq!(moved_in.standing_on(d(2023, 4, 1)), Standing::ChinhThuc);
    }

    #[test]
    fn declared_without_dates() {
        let full = Person {
            status: Some(DeclaredStatus::ChinhThuc),
            ..person()
        };
        assert_eq!(full.standing_on(d(2023, 1, 1)), Standing::ChinhThuc);
        let prob = Person {
            status: Some(DeclaredStatus::DuBi),
            ..person()
        };
        assert_eq!(prob.standing_on(d(2023, 1, 1)), Standing::DuBi);
        assert_eq!(person().standing_on(d(2023, 1, 1)), Standing::QuanChung);
    }
}
