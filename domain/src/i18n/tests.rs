use super::*;

#[test]
fn languages_differ_where_they_should() {
    let (sv, en) = (strings(Lang::Sv), strings(Lang::En));
    assert_eq!(en.site.menu, "Menu");
    assert_eq!(sv.site.menu, "Meny");
    assert_ne!(sv.site.not_found_title, en.site.not_found_title);
    assert_eq!(en.lifetime(Some(1)), "1 day");
    assert_eq!(sv.lifetime(Some(182)), "182 dagar");
    assert_eq!(en.lifetime(None), "Until the browser closes");
    assert_eq!(
        en.logo_problem(super::super::logo::LogoProblem::TooLarge(2 * 1024 * 1024)),
        "The file is too large. The largest size allowed is 2 MB."
    );
    assert_eq!(megabytes(512 * 1024), "0.5");
    assert!(
        sv.site
            .months
            .iter()
            .chain(en.site.months.iter())
            .all(|m| !m.is_empty())
    );
}
