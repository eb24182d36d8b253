//! Registering an application by hand, correcting it, removing one registered by mistake.
