//! What serde_yaml's messages say, read back: the key or value they name,
//! the names they expect, and a value of the type they expect.

/// The text in `invalid value: string "…", expected a text that is not
/// empty` (as serde writes it, which for these texts is as YAML read them).
pub fn refused_text(message: &str) -> Option<&str> {
    if !message.ends_with("expected a text that is not empty") {
        return None;
    }
    let rest = message.split("invalid value: string \"").nth(1)?;
    rest.rsplit_once("\", expected").map(|(text, _)| text)
}

/// The text between `before` and the next backtick in `message`.
pub fn quoted_after<'a>(message: &'a str, before: &str) -> Option<&'a str> {
    let rest = message.split(before).nth(1)?;
    rest.split('`').next()
}

/// The names in backticks after "expected" in `message`.
pub fn expected(message: &str) -> Vec<&str> {
    message
        .split_once("expected ")
        .map_or("", |(_, rest)| rest)
        .split('`')
        .skip(1)
        .step_by(2)
        .collect()
}

/// A value of the type `message` expects, written in YAML.
pub fn neutral(message: &str) -> Option<String> {
    if message.contains("unknown variant `") {
        return expected(message).first().map(|v| (*v).to_string());
    }
    if !message.contains("invalid type") && !message.contains("invalid value") {
        return None;
    }
    let (_, wanted) = message.rsplit_once("expected ")?;
    let value = match wanted.trim() {
        "a string" | "a borrowed string" | "a character" | "a text that is not empty" => "x",
        "a sequence" => "[]",
        "a boolean" => "false",
        "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize" => "0",
        "f32" | "f64" => "0.0",
        _ => return None,
    };
    Some(value.to_string())
}
