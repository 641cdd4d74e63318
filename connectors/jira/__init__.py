"""Jira Cloud and Data Center: boards, their configuration, sprints, issues and history."""
