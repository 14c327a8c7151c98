use super::*;

#[test]
fn line_col_counts_characters() {
    assert_eq!(line_col("ab\ncdé f", 8), (2, 5));
    assert_eq!(line_col("x", 0), (1, 1));
}

/// A small valid file; each case below breaks one thing in it.
const BASE: &str = r#"schema = 1
framework = "t"
version = "1"
title = "T"

[[levels]]
id = "a"
name = "A"

[[levels]]
id = "b"
name = "B"

[[categories]]
id = "c"
name = "C"
weight = 1

[[requirements]]
id = "c.a"
category = "c"
level = "a"
text = "x"
reading = "x"
hint = "x"
rule = { kind = "flag", field = "verification.data_checked" }
"#;

/// BASE with one more requirement at level `level` whose rule is `rule`.
fn with_rule(level: &str, rule: &str) -> String {
    format!(
        "{BASE}\n[[requirements]]\nid = \"c.x\"\ncategory = \"c\"\nlevel = \"{level}\"\ntext = \"x\"\nreading = \"x\"\nhint = \"x\"\nrule = {rule}\n"
    )
}

fn problems(text: &str) -> String {
    match parse(text, Path::new("t.toml"), "test".into()) {
        Ok(_) => "(valid)".to_owned(),
        Err(e) => e.to_string(),
    }
}

#[test]
fn the_base_file_is_valid() {
    assert_eq!(problems(BASE), "(valid)");
}

#[test]
fn limits_hold_at_their_boundaries() {
    let nested = |depth: usize| {
        let mut rule = "{ kind = \"flag\", field = \"verification.data_checked\" }".to_owned();
        for _ in 0..depth {
            rule = format!("{{ kind = \"any_of\", rules = [{rule}] }}");
        }
        with_rule("a", &rule)
    };
    assert_eq!(problems(&nested(limits::MAX_RULE_DEPTH)), "(valid)");
    assert_ne!(problems(&nested(limits::MAX_RULE_DEPTH + 1)), "(valid)");
    let quarters = |q: i64| {
        with_rule(
            "a",
            &format!(
                "{{ kind = \"quarterly\", field = \"accountability.reviews\", quarters = {q} }}"
            ),
        )
    };
    assert_eq!(problems(&quarters(limits::MAX_QUARTERS)), "(valid)");
    assert_ne!(problems(&quarters(limits::MAX_QUARTERS + 1)), "(valid)");
    let weight = |w: &str| BASE.replace("weight = 1", &format!("weight = {w}"));
    assert_eq!(problems(&weight("1000000")), "(valid)");
    assert_ne!(problems(&weight("1000000.5")), "(valid)");
    let levels = |n: usize| {
        let extra: String = (2..n)
            .map(|i| format!("\n[[levels]]\nid = \"l{i}\"\nname = \"L\"\n"))
            .collect();
        BASE.replace("[[categories]]", &format!("{extra}\n[[categories]]"))
    };
    assert_eq!(problems(&levels(limits::MAX_LEVELS)), "(valid)");
    assert_ne!(problems(&levels(limits::MAX_LEVELS + 1)), "(valid)");
}

/// One case per place the validator reports a problem; the messages are a reviewed
/// part of the interface.
#[test]
fn every_problem_message() {
    let mut cases: Vec<(&str, String)> = vec![
        ("toml syntax", BASE.replace("title = \"T\"", "title = ")),
        ("unknown top-level key", BASE.replace("title = \"T\"", "title = \"T\"\ntitel = \"T\"")),
        ("schema version", BASE.replace("schema = 1", "schema = 2")),
        ("framework id", BASE.replace("framework = \"t\"", "framework = \"T T\"")),
        (
            "window closes before it opens",
            BASE.replace(
                "title = \"T\"",
                "title = \"T\"\napplication_window = { opens = \"2022-05-01\", closes = \"2022-01-01\" }",
            ),
        ),
        (
            "window date",
            BASE.replace(
                "title = \"T\"",
                "title = \"T\"\napplication_window = { opens = \"2022-02-30\", closes = \"2022-03-01\" }",
            ),
        ),
        ("no levels", BASE.replace("[[levels]]\nid = \"a\"\nname = \"A\"\n\n[[levels]]\nid = \"b\"\nname = \"B\"\n", "")),
        ("empty level name", BASE.replace("name = \"A\"", "name = \" \"")),
        ("reserved level id", BASE.replace("id = \"b\"\nname = \"B\"", "id = \"none\"\nname = \"B\"")),
        ("level named twice", BASE.replace("id = \"b\"\nname = \"B\"", "id = \"a\"\nname = \"B\"")),
        ("no categories", BASE.replace("[[categories]]\nid = \"c\"\nname = \"C\"\nweight = 1\n", "")),
        ("negative weight", BASE.replace("weight = 1", "weight = -1")),
        ("no positive weight", BASE.replace("weight = 1", "weight = 0")),
        (
            "duplicate category",
            BASE.replace(
                "weight = 1\n",
                "weight = 1\n\n[[categories]]\nid = \"c\"\nname = \"D\"\nweight = 1\n",
            ),
        ),
        ("requirement id", BASE.replace("id = \"c.a\"", "id = \"C.A\"")),
        ("duplicate requirement", with_rule("a", "{ kind = \"flag\", field = \"verification.data_checked\" }").replace("id = \"c.x\"", "id = \"c.a\"")),
        ("unknown category", BASE.replace("category = \"c\"", "category = \"cc\"")),
        ("unknown level", BASE.replace("level = \"a\"", "level = \"aa\"")),
        ("empty text", BASE.replace("text = \"x\"", "text = \"\"")),
        ("no requirements", BASE[..BASE.find("[[requirements]]").unwrap()].to_owned()),
        ("unknown rule kind", with_rule("a", "{ kind = \"flags\", field = \"verification.data_checked\" }")),
        ("parameter not taken", with_rule("a", "{ kind = \"flag\", field = \"verification.data_checked\", min = 2 }")),
        ("parameter missing", with_rule("a", "{ kind = \"recent_event\", field = \"training.sessions\" }")),
        ("unknown field", with_rule("a", "{ kind = \"flag\", field = \"verification.data_check\" }")),
        ("record field outside every", with_rule("a", "{ kind = \"flag\", field = \"federal.priority_goals[].publicly_reported\" }")),
        ("field of the wrong kind", with_rule("a", "{ kind = \"flag\", field = \"training.sessions\" }")),
        ("number below its minimum", with_rule("a", "{ kind = \"not_empty\", field = \"training.sessions\", min = 0 }")),
        ("unknown measure", with_rule("a", "{ kind = \"service_areas\", min_areas = 1, min_years = 1, measure = \"outcomes\" }")),
        ("unknown participant", with_rule("a", "{ kind = \"quarterly\", field = \"accountability.reviews\", with_all = [\"elected\"] }")),
        ("empty rules", with_rule("a", "{ kind = \"any_of\", rules = [] }")),
        ("empty requirements", with_rule("a", "{ kind = \"requirements_met\", requirements = [] }")),
        ("requirement not declared earlier", with_rule("a", "{ kind = \"requirements_met\", requirements = [\"c.b\"] }")),
        (
            "dependency on a higher level",
            with_rule("a", "{ kind = \"requirements_met\", requirements = [\"c.a\"] }")
                .replace("level = \"a\"\ntext = \"x\"\nreading = \"x\"\nhint = \"x\"\nrule = { kind = \"flag\"", "level = \"b\"\ntext = \"x\"\nreading = \"x\"\nhint = \"x\"\nrule = { kind = \"flag\""),
        ),
        ("every over a non-list", with_rule("a", "{ kind = \"every\", field = \"training.sessions\", rule = { kind = \"flag\", field = \"verification.data_checked\" } }")),
        ("among over free text", with_rule("a", "{ kind = \"not_empty\", field = \"networking.activities\", among = [\"x\"] }")),
        ("unknown value in among", with_rule("a", "{ kind = \"not_empty\", field = \"public_reporting.channels\", among = [\"webiste\"] }")),
        ("value listed twice", with_rule("a", "{ kind = \"includes\", field = \"leadership.external\", values = [\"networking\", \"networking\"] }")),
        ("empty values", with_rule("a", "{ kind = \"includes\", field = \"leadership.external\", values = [] }")),
        ("min above the among values", with_rule("a", "{ kind = \"not_empty\", field = \"public_reporting.visuals\", among = [\"maps\", \"graphs\"], min = 3 }")),
        ("share not a fraction", BASE.replace("weight = 1", "weight = 1\nshare = \"0.5\"")),
        ("share of one", BASE.replace("weight = 1", "weight = 1\nshare = \"3/3\"")),
        (
            "declared shares reach 100%",
            BASE.replace(
                "weight = 1\n",
                "weight = 1\nshare = \"1/2\"\n\n[[categories]]\nid = \"d\"\nname = \"D\"\nweight = 1\nshare = \"1/2\"\n",
            ),
        ),
    ];
    let nested = |depth: usize| {
        let mut rule = "{ kind = \"flag\", field = \"verification.data_checked\" }".to_owned();
        for _ in 0..depth {
            rule = format!("{{ kind = \"all_of\", rules = [{rule}] }}");
        }
        rule
    };
    let many_levels: String = (0..12)
        .map(|i| format!("\n[[levels]]\nid = \"l{i}\"\nname = \"L\"\n"))
        .collect();
    let many_categories: String = (0..101)
        .map(|i| format!("\n[[categories]]\nid = \"k{i}\"\nname = \"K\"\nweight = 1\n"))
        .collect();
    let many_requirements: String = (0..1001)
        .map(|i| {
            format!(
                "\n[[requirements]]\nid = \"r{i}\"\ncategory = \"c\"\nlevel = \"a\"\ntext = \"x\"\nreading = \"x\"\nhint = \"x\"\nrule = {{ kind = \"flag\", field = \"verification.data_checked\" }}\n"
            )
        })
        .collect();
    let many_rules = with_rule(
        "a",
        &format!(
            "{{ kind = \"all_of\", rules = [{}] }}",
            vec!["{ kind = \"flag\", field = \"verification.data_checked\" }"; 5001].join(", ")
        ),
    );
    let many_problems = many_requirements.replace("id = \"r", "id = \"R").replace(
        "\n[[requirements]]\nid = \"R6",
        "\n[[requirements]]\nid = \"r6",
    );
    let many_problems = &many_problems[..many_problems.find("id = \"R100\"").unwrap() - 18];
    cases.extend([
        ("levels over the limit", format!("{BASE}{many_levels}")),
        ("categories over the limit", format!("{BASE}{many_categories}")),
        ("requirements over the limit", format!("{BASE}{many_requirements}")),
        ("rules over the limit", many_rules),
        ("rules nested too deep", with_rule("a", &nested(9))),
        ("weight over the limit", BASE.replace("weight = 1", "weight = 1e308")),
        ("min over the limit", with_rule("a", "{ kind = \"not_empty\", field = \"training.sessions\", min = 9223372036854775807 }")),
        ("min_years over the limit", with_rule("a", "{ kind = \"service_areas\", min_areas = 1, min_years = 100000000 }")),
        ("months over the limit", with_rule("a", "{ kind = \"recent_event\", field = \"training.sessions\", months = 121 }")),
        ("quarters over the limit", with_rule("a", "{ kind = \"quarterly\", field = \"accountability.reviews\", quarters = 400 }")),
        (
            "every inside every",
            with_rule("a", "{ kind = \"every\", field = \"federal.priority_goals\", rule = { kind = \"every\", field = \"federal.priority_goals\", rule = { kind = \"flag\", field = \"federal.priority_goals[].publicly_reported\" } } }"),
        ),
        ("problems beyond those listed", format!("{BASE}{many_problems}")),
    ]);
    let mut out = String::new();
    for (name, text) in &cases {
        let p = problems(text);
        assert_ne!(p, "(valid)", "case `{name}` must be refused");
        out.push_str(&format!("## {name}\n{p}\n\n"));
    }
    insta::assert_snapshot!(out);
}
