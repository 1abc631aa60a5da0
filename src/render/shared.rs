//! Output that several pages of one render share, made once: the template
//! function `shared(key, callable, args…)` returns what `callable(args…)`
//! gives, and gives it again to every later call with the same `key` in the
//! same render. A region's matrix appears on its matrix page and again in its
//! interface paper; it is the costliest markup of the site (400 regions:
//! 57 600 cells), so the theme renders it through `shared`.
//!
//! The key is the template's promise that the same key means the same
//! output. Only the latest outputs are kept: the pages that share one are
//! planned close together and rendered so. A call that finds nothing kept
//! (another render, an evicted output, a template rendered outside a page
//! set) simply makes the output.

use minijinja::value::{Object, Rest};
use minijinja::{Error, State, Value};
use std::collections::VecDeque;
use std::sync::{Mutex, PoisonError};

/// The name under which a render's [`Shared`] sits in the page context.
const CONTEXT_KEY: &str = "__shared_outputs";

/// How many outputs a render keeps at most: enough for the pages that
/// rayon's threads render at once, few enough to cost no memory to speak of.
const KEPT: usize = 32;

/// The outputs one render keeps, the newest last.
#[derive(Debug, Default)]
pub struct Shared {
    recent: Mutex<VecDeque<(String, Value)>>,
}

impl Object for Shared {}

/// The context entry that hands `shared` (a [`Shared`] as a value) to the
/// templates of one render, to merge into a page context.
pub fn context(shared: &Value) -> Value {
    Value::from(std::collections::BTreeMap::from([(
        CONTEXT_KEY,
        shared.clone(),
    )]))
}

impl Shared {
    fn get(&self, key: &str) -> Option<Value> {
        let recent = self.recent.lock().unwrap_or_else(PoisonError::into_inner);
        recent
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    }

    fn keep(&self, key: String, value: Value) {
        let mut recent = self.recent.lock().unwrap_or_else(PoisonError::into_inner);
        // Two threads may have made the same output at once.
        if recent.iter().any(|(k, _)| *k == key) {
            return;
        }
        if recent.len() == KEPT {
            recent.pop_front();
        }
        recent.push_back((key, value));
    }
}

/// The template function `shared(key, callable, args…)`.
pub fn shared(
    state: &mut State,
    key: String,
    callable: Value,
    args: Rest<Value>,
) -> Result<Value, Error> {
    let kept = state.lookup(CONTEXT_KEY);
    let cache = kept
        .as_ref()
        .and_then(|value| value.downcast_object_ref::<Shared>());
    if let Some(value) = cache.and_then(|cache| cache.get(&key)) {
        return Ok(value);
    }
    let value = callable.call(state, &args)?;
    if let Some(cache) = cache {
        cache.keep(key, value.clone());
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use minijinja::Environment;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    #[test]
    fn made_once_per_key_and_render() {
        let calls = Arc::new(AtomicUsize::new(0));
        let mut env = Environment::new();
        env.add_function("shared", shared);
        let counted = Arc::clone(&calls);
        env.add_function("costly", move |name: String| {
            counted.fetch_add(1, Ordering::SeqCst);
            format!("<{name}>")
        });
        env.add_template(
            "page.html",
            "{{ shared('a', costly, 'x') }}{{ shared('a', costly, 'y') }}{{ shared('b', costly, 'y') }}",
        )
        .expect("template");
        let template = env.get_template("page.html").expect("template");
        let render = Value::from_object(Shared::default());
        let html = template.render(context(&render)).expect("render");
        // The key decides: the second call with key `a` gets the first's output.
        assert_eq!(html, "&lt;x&gt;&lt;x&gt;&lt;y&gt;");
        assert_eq!(calls.load(Ordering::SeqCst), 2);
        template.render(context(&render)).expect("render");
        assert_eq!(calls.load(Ordering::SeqCst), 2, "kept for the same render");
        let alone = template.render(()).expect("render");
        assert_eq!(
            alone, "&lt;x&gt;&lt;y&gt;&lt;y&gt;",
            "without a render's store, made every time"
        );
        assert_eq!(calls.load(Ordering::SeqCst), 5);
    }

    #[test]
    fn keeps_only_the_latest() {
        let shared = Shared::default();
        for i in 0..=KEPT {
            shared.keep(i.to_string(), Value::from(i));
        }
        assert!(shared.get("0").is_none());
        assert_eq!(shared.get("1"), Some(Value::from(1)));
        assert_eq!(shared.get(&KEPT.to_string()), Some(Value::from(KEPT)));
    }
}
