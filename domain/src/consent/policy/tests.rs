//! The policy's checks, withdrawal by service and Consent Mode by service.
use super::*;

#[test]
fn normalising_keeps_the_consent_cookie_true() {
    let policy = ConsentPolicy {
        lifetime_days: 30,
        ..ConsentPolicy::default()
    }
    .normalised()
    .expect("default declaration is valid");
    let consent = policy
        .cookies
        .iter()
        .find(|c| c.name == CONSENT_COOKIE)
        .expect("declared");
    assert_eq!(consent.lifetime_days, Some(30));

    let mut missing = ConsentPolicy::default();
    missing.cookies.retain(|c| c.name != CONSENT_COOKIE);
    assert!(
        missing
            .normalised()
            .expect_err("missing")
            .contains("consent")
    );

    let mut twice = ConsentPolicy::default();
    twice.cookies.push(twice.cookies[1].clone());
    assert!(twice.normalised().expect_err("twice").contains("twice"));

    let mut wrong = ConsentPolicy::default();
    wrong.cookies[0].category = Category::Marketing;
    assert!(wrong.normalised().is_err());

    let mut script = ConsentPolicy::default();
    script.scripts.push(ThirdPartyScript {
        category: Category::Marketing,
        src: "javascript:alert(1)".into(),
    });
    assert!(script.normalised().is_err());

    let zero = ConsentPolicy {
        lifetime_days: 0,
        ..ConsentPolicy::default()
    };
    assert!(zero.normalised().is_err());
}

#[test]
fn services_are_checked_and_matomo_declared() {
    let with = |f: &dyn Fn(&mut ConsentPolicy)| {
        let mut policy = ConsentPolicy::default();
        f(&mut policy);
        policy.normalised()
    };
    assert!(with(&|_| {}).is_ok());
    for (what, broken) in [
        (
            "id",
            &(|p: &mut ConsentPolicy| p.services[0].id = "You Tube".into())
                as &dyn Fn(&mut ConsentPolicy),
        ),
        ("twice", &|p| {
            let again = p.services[0].clone();
            p.services.push(again);
        }),
        ("necessary", &|p| {
            p.services[0].category = Category::Necessary
        }),
        ("URL", &|p| {
            p.services[0].scripts.push("javascript:alert(1)".into())
        }),
        ("URL", &|p| {
            p.services[0]
                .scripts
                .push("https://a.example/a b.js".into())
        }),
        ("plain name", &|p| p.services[0].storage.push("a,b".into())),
        ("keeps", &|p| p.cookies[1].name = "sess ion".into()),
        ("function", &|p| p.services[0].opt_out = "alert(1)".into()),
        ("not declared", &|p| {
            p.cookies[3].service = Some("vimeo".into())
        }),
        ("another category", &|p| {
            p.cookies[3].category = Category::Marketing
        }),
        ("ending in /", &|p| {
            p.matomo = Some(MatomoConfig {
                url: "https://stats.example".into(),
                site_id: 1,
            });
        }),
    ] {
        let error = with(broken).expect_err(what);
        assert!(error.contains(what), "{what}: {error}");
    }
    let policy = with(&|p| {
        p.matomo = Some(MatomoConfig {
            url: "https://stats.example/".into(),
            site_id: 3,
        });
    })
    .expect("valid");
    let matomo = policy
        .services
        .iter()
        .position(|s| s.matomo)
        .expect("declared");
    assert_eq!(policy.services[matomo].category, Category::Statistics);
    assert_eq!(
        policy.services[matomo].scripts,
        ["https://stats.example/matomo.js"]
    );
    assert!(policy.cookies_of(matomo).any(|c| c.name == "_pk_id.*"));
    assert!(policy.offered_categories().contains(&Category::Statistics));
    assert!(
        !ConsentPolicy::default()
            .offered_categories()
            .contains(&Category::Statistics),
        "nothing declared, nothing offered"
    );
    assert_eq!(
        policy.embed_service("https://www.youtube-nocookie.com/"),
        Some(0)
    );
}

#[test]
fn withdrawal_takes_the_cookies_of_withdrawn_services() {
    let mut policy = ConsentPolicy::default();
    policy.cookies.push(CookieDecl {
        name: "_tag_id".into(),
        category: Category::Marketing,
        provider: "tag".into(),
        purpose_en: String::new(),
        purpose_sv: String::new(),
        lifetime_days: Some(1),
        lifetime_minutes: None,
        third_party: false,
        service: None,
    });
    policy.matomo = Some(MatomoConfig {
        url: "https://stats.example/".into(),
        site_id: 1,
    });
    let policy = policy.normalised().expect("valid");
    let all = Grant::whole(&policy.services, CategorySet::ALL);
    let names = |after: Grant| -> Vec<String> {
        policy
            .first_party_cookies_withdrawn(all, after)
            .map(|c| c.name.clone())
            .collect()
    };
    let matomo = policy
        .services
        .iter()
        .position(|s| s.matomo)
        .expect("declared");
    let without_matomo = Grant {
        categories: CategorySet::ALL,
        services: all.services.minus(ServiceSet::NONE.with(matomo)),
    };
    assert_eq!(
        names(without_matomo),
        ["_pk_id.*", "_pk_ses.*", "_pk_ref.*", "_pk_testcookie*"]
    );
    let necessary = Grant::whole(&policy.services, CategorySet::necessary());
    let gone = names(necessary);
    assert!(gone.contains(&"_tag_id".to_owned()), "{gone:?}");
    assert!(
        !gone.iter().any(|n| n == CONSENT_COOKIE || n == "IDE"),
        "{gone:?}"
    );
    assert!(names(all).is_empty());
}

#[test]
fn consent_mode_follows_the_services_that_need_it() {
    let policy = ConsentPolicy::default().normalised().expect("valid");
    let rules = policy.signal_rules();
    let none = Grant::whole(&policy.services, CategorySet::necessary());
    assert!(
        consent_mode_signals(&rules, none)
            .iter()
            .all(|(_, v)| *v == "denied")
    );
    let all = Grant::whole(&policy.services, CategorySet::ALL);
    let granted = consent_mode_signals(&rules, all);
    assert_eq!(granted[0], ("ad_storage", "granted"));
    assert_eq!(
        granted[3],
        ("analytics_storage", "denied"),
        "no service needs analytics"
    );
    let only_youtube = Grant {
        categories: CategorySet::ALL,
        services: ServiceSet::NONE.with(0),
    };
    assert_eq!(
        consent_mode_signals(&rules, only_youtube)[0],
        ("ad_storage", "denied"),
        "marketing granted without its service grants no signal"
    );

    let mut scripted = ConsentPolicy::default();
    scripted.services.clear();
    scripted.cookies.retain(|c| c.service.is_none());
    scripted.scripts.push(ThirdPartyScript {
        category: Category::Marketing,
        src: "https://tag.example/t.js".into(),
    });
    let rules = scripted.signal_rules();
    let marketing = Grant::whole(&[], CategorySet::ALL);
    assert_eq!(
        consent_mode_signals(&rules, marketing)[1],
        ("ad_user_data", "granted"),
        "a script by category stands for its category"
    );
}
