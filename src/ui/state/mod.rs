//! What the whole page shares: the template library, the save queues of the
//! self-checks on screen, the copies kept aside when storage was full, the
//! role (member or secretary), 长辈模式, the route (kept in the address) and the clock. What components read of it
//! comes through context, provided once by the app.

pub mod clock;
pub mod elder;
pub mod kept;
pub mod library;
pub mod role;
pub mod route;
pub mod save_queue;
