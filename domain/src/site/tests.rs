//! The site's pages and sections.

mod pages {
    use super::super::*;

    fn page(lang: Lang, key: &str, url: &str, weight: i64, in_menu: bool) -> Page {
        Page {
            lang,
            key: key.into(),
            url: url.into(),
            title: key.to_uppercase(),
            description: None,
            updated: None,
            weight,
            in_menu,
            toc: vec![],
            headings: vec![],
            body: Vec::new(),
            date: None,
            is_section: key.ends_with("_index"),
            is_news: false,
            health: None,
        }
    }

    fn sample() -> Site {
        Site::new(vec![
            page(Lang::En, "_index", "/en/", 0, true),
            page(Lang::En, "b", "/en/b", 20, true),
            page(Lang::En, "a", "/en/a", 10, true),
            page(Lang::En, "z", "/en/z", 0, true),
            page(Lang::En, "hidden", "/en/hidden", 1, false),
            page(Lang::En, "docs/_index", "/en/docs/", 30, true),
            page(Lang::En, "docs/deep", "/en/docs/deep", 5, true),
            page(Lang::Sv, "a", "/sv/a", 10, true),
        ])
        .expect("no duplicates")
    }

    #[test]
    fn menu_orders_by_weight_and_leaves_out_hidden_nested_and_home() {
        let site = sample();
        let urls: Vec<_> = site.menu(Lang::En).map(|p| p.url.as_str()).collect();
        assert_eq!(urls, ["/en/a", "/en/b", "/en/docs/", "/en/z"]);
        let sv: Vec<_> = site.menu(Lang::Sv).map(|p| p.url.as_str()).collect();
        assert_eq!(sv, ["/sv/a"]);
    }

    #[test]
    fn translations_follow_the_file_key() {
        let site = sample();
        let a = site.page("/en/a").expect("page");
        assert_eq!(
            site.translation(a, Lang::Sv).map(|p| p.url.as_str()),
            Some("/sv/a")
        );
        let b = site.page("/en/b").expect("page");
        assert!(site.translation(b, Lang::Sv).is_none());
    }

    #[test]
    fn canonical_fixes_only_the_trailing_slash() {
        let site = sample();
        assert_eq!(site.canonical("/en"), Some("/en/"));
        assert_eq!(site.canonical("/en/a/"), Some("/en/a"));
        assert_eq!(site.canonical("/en/docs"), Some("/en/docs/"));
        assert_eq!(site.canonical("/en/nothing"), None);
    }

    #[test]
    fn refuses_two_pages_at_one_url() {
        let err = Site::new(vec![
            page(Lang::En, "x", "/en/x", 0, true),
            page(Lang::En, "y", "/en/x", 0, true),
        ])
        .expect_err("duplicate");
        assert_eq!(err.url, "/en/x");
    }
}

mod sections {
    use super::super::*;

    fn page(key: &str, url: &str, weight: i64) -> Page {
        Page {
            lang: Lang::En,
            key: key.into(),
            url: url.into(),
            title: key.into(),
            description: Some(format!("about {key}")),
            updated: None,
            weight,
            in_menu: true,
            toc: vec![],
            headings: vec![],
            body: Vec::new(),
            date: None,
            is_section: key.ends_with("_index"),
            is_news: false,
            health: None,
        }
    }

    fn article(n: u32) -> Page {
        let mut p = page(&format!("news/a{n:02}"), &format!("/en/news/a{n:02}"), 0);
        p.date = Some(PageDate::parse(&format!("2020-01-{:02}", n + 1)).expect("date"));
        p
    }

    fn site(articles: u32) -> Site {
        let mut news = page("news/_index", "/en/news/", 30);
        news.is_news = true;
        let mut pages = vec![
            page("_index", "/en/", 0),
            page("apis/_index", "/en/apis/", 20),
            page("apis/b", "/en/apis/b", 2),
            page("apis/a", "/en/apis/a", 1),
            page("apis/deep/_index", "/en/apis/deep/", 3),
            page("apis/deep/x", "/en/apis/deep/x", 0),
            page("about", "/en/about", 10),
            news,
        ];
        pages.extend((0..articles).map(article));
        Site::new(pages).expect("site")
    }

    fn urls<'a>(pages: impl IntoIterator<Item = &'a Page>) -> Vec<&'a str> {
        pages.into_iter().map(|p| p.url.as_str()).collect()
    }

    #[test]
    fn sections_nest_by_folder_and_order_by_weight() {
        let site = site(0);
        let apis = site.page("/en/apis/").expect("apis");
        assert_eq!(
            urls(site.children(apis)),
            ["/en/apis/a", "/en/apis/b", "/en/apis/deep/"]
        );
        let x = site.page("/en/apis/deep/x").expect("x");
        assert_eq!(
            urls(site.ancestors(x)),
            ["/en/", "/en/apis/", "/en/apis/deep/"]
        );
        assert_eq!(
            site.top_section(x).map(|p| p.url.as_str()),
            Some("/en/apis/")
        );
        let about = site.page("/en/about").expect("about");
        assert_eq!(
            site.top_section(about),
            None,
            "a top-level page has no sidebar"
        );
        assert_eq!(
            urls(site.menu(Lang::En)),
            ["/en/about", "/en/apis/", "/en/news/"]
        );
        assert_eq!(
            site.page("/en/apis/").expect("apis").body,
            [Block::Children]
        );
        assert!(
            site.page("/en/").expect("home").body.is_empty(),
            "home keeps its own"
        );
    }

    #[test]
    fn news_is_newest_first_ten_to_a_page() {
        let site = site(23);
        let news = site.page("/en/news/").expect("news");
        assert_eq!(news.body, [Block::NewsList(1)]);
        let (first, pages) = site.news_list(news, 1);
        assert_eq!(pages, 3);
        assert_eq!(first.len(), 10);
        assert_eq!(first[0].url, "/en/news/a22", "newest first");
        let third = site.page("/en/news/page/3").expect("page 3");
        assert_eq!(third.body, [Block::NewsList(3)]);
        let (last, _) = site.news_list(third, 3);
        assert_eq!(urls(last), ["/en/news/a02", "/en/news/a01", "/en/news/a00"]);
        assert!(site.page("/en/news/page/4").is_none());
        assert!(
            site.page("/en/news/page/1").is_none(),
            "page 1 is the section itself"
        );
        assert_eq!(site.news(Lang::En).len(), 23);
        assert!(!urls(site.menu(Lang::En)).contains(&"/en/news/page/2"));
        // An empty news section still lists (nothing), with no further pages.
        let empty = site_with_no_news();
        assert_eq!(
            empty.page("/en/news/").expect("news").body,
            [Block::NewsList(1)]
        );
    }

    fn site_with_no_news() -> Site {
        site(0)
    }
}
