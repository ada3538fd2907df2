"""Roles and what they allow (权限): the one table access control reads.

An account holds roles per organization; a deployment operator (运维) may do
everything everywhere. Every service names the :class:`Action` it performs and calls
``ctx.authorize``; the CLI and the interface go through the same services, so they
go through the same checks. What a role does not list, it may not do.
"""

from __future__ import annotations

import enum

from core.domain import Vocabulary

__all__ = ["ROLE_ACTIONS", "Action", "Role", "allows"]


class Action(enum.Enum):
    """What a service does, as permission to do it."""

    READ = "read"  # 查看 people, posts, terms, units, parameters, plugins
    RUN_CHECKS = "run checks"  # 运行检查
    EDIT_PEOPLE = "edit people"  # 人员与亲属关系
    EDIT_POSTS = "edit posts"  # 职位与职数
    EDIT_TERMS = "edit terms"  # 任职
    MANAGE_UNITS = "manage units"  # 内设机构
    EDIT_CALENDAR = "edit the calendar"  # 日历
    MANAGE_PLUGINS = "manage plugins"  # 启用/停用插件
    EDIT_PARAMETERS = "edit parameters"  # 参数
    GRANT_ROLES = "grant roles"  # 授予本组织角色
    READ_AUDIT = "read the audit trail"  # 查阅审计日志
    CREATE_ORGANIZATIONS = "create organizations"  # deployment-wide
    MANAGE_ACCOUNTS = "manage accounts"  # deployment-wide
    MANAGE_KEYS = "manage keys"  # deployment-wide: rotate or remove data keys
    BACK_UP = "back up the database"  # deployment-wide


class Role(Vocabulary):
    """A role an account holds in one organization."""

    VIEWER = "viewer"  # 查看员
    EDITOR = "editor"  # 录入员
    ORG_ADMIN = "org_admin"  # 组织管理员
    AUDITOR = "auditor"  # 审计员（纪检）

    @property
    def zh(self) -> str:
        return {
            "viewer": "查看员",
            "editor": "录入员",
            "org_admin": "组织管理员",
            "auditor": "审计员",
        }[self.value]


_VIEW = frozenset({Action.READ, Action.RUN_CHECKS})
_EDIT = _VIEW | {
    Action.EDIT_PEOPLE,
    Action.EDIT_POSTS,
    Action.EDIT_TERMS,
    Action.MANAGE_UNITS,
    Action.EDIT_CALENDAR,
}

#: What each role allows in its organization. An organization admin runs the
#: organization but does not read its audit trail: that is the auditor's, so the
#: people whose changes are logged are not the ones who read the log.
ROLE_ACTIONS: dict[Role, frozenset[Action]] = {
    Role.VIEWER: _VIEW,
    Role.EDITOR: _EDIT,
    Role.ORG_ADMIN: _EDIT | {Action.MANAGE_PLUGINS, Action.EDIT_PARAMETERS, Action.GRANT_ROLES},
    Role.AUDITOR: frozenset({Action.READ, Action.READ_AUDIT}),
}


def allows(roles: set[Role] | frozenset[Role], action: Action) -> bool:
    """Whether any of ``roles`` allows ``action``."""
    return any(action in ROLE_ACTIONS[role] for role in roles)
