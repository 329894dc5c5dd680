use super::*;

#[test]
fn languages_differ_where_they_should() {
    let (sv, en) = (strings(Lang::Sv), strings(Lang::En));
    assert_eq!(en.menu, "Menu");
    assert_eq!(sv.menu, "Meny");
    assert_ne!(sv.not_found_title, en.not_found_title);
    assert_eq!(en.lifetime(Some(1)), "1 day");
    assert_eq!(sv.lifetime(Some(182)), "182 dagar");
    assert_eq!(en.lifetime(None), "Until the browser closes");
    assert_eq!(
        en.logo_problem(super::super::logo::LogoProblem::TooLarge(2 * 1024 * 1024)),
        "The file is too large. The largest size allowed is 2 MB."
    );
    assert_eq!(megabytes(512 * 1024), "0.5");
    assert!(
        sv.months
            .iter()
            .chain(en.months.iter())
            .all(|m| !m.is_empty())
    );
}
