//! The page's state as Yew holds it: [`Kitchen`] behind Yew's [`Reducible`], and callbacks that
//! dispatch its actions.
//!
//! The state and its reducer are `kitchen_state`'s, tested natively; this file is only the adaptor
//! (the orphan rule keeps Yew's trait off a type of another crate, hence the newtype).

use std::ops::Deref;
use std::rc::Rc;

use yew::{Callback, Reducible, UseReducerDispatcher, UseReducerHandle};

use crate::state::{Action, Kitchen};

/// The page's state in Yew's reducer.
#[derive(Clone, Debug, PartialEq)]
pub struct Store(Kitchen);

impl Store {
    /// Holds `kitchen` as the page's state.
    pub fn new(kitchen: Kitchen) -> Store {
        Store(kitchen)
    }
}

impl Deref for Store {
    type Target = Kitchen;

    fn deref(&self) -> &Kitchen {
        &self.0
    }
}

impl Reducible for Store {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        // Yew keeps the state it rendered, so this is a clone, which `Kitchen` keeps cheap.
        let mut next = Rc::unwrap_or_clone(self).0;
        next.apply(action);
        Rc::new(Store(next))
    }
}

/// The handle components read the state through and dispatch actions to.
pub type KitchenHandle = UseReducerHandle<Store>;

/// A callback that dispatches the action `make` builds from its argument.
pub fn act<T: 'static>(
    dispatcher: UseReducerDispatcher<Store>,
    make: impl Fn(T) -> Action + 'static,
) -> Callback<T> {
    Callback::from(move |value| dispatcher.dispatch(make(value)))
}
