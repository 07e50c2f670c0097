"""What every domain's services share: the errors they raise and how a write is made
(who acts, the permission check, optimistic locking). Not an app: no models, no views."""
