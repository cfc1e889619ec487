"""The Blocklists & DNS pane: its two kinds (blocklists, domain records), their rows, details
and the SPF trace."""
