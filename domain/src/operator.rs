//! The agency's operators: their roles and what each role may do in the console.

use serde::{Deserialize, Serialize};

/// What an operator is allowed to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Everything, the operators themselves included.
    Admin,
    /// Companies and the showcase.
    Moderator,
    /// The statistics, read only.
    Analyst,
}

/// A part of the console.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Area {
    /// The operators: adding, disabling.
    Operators,
    /// The audit trail.
    Audit,
    /// Companies: the approval queue, hiding and showing.
    Companies,
    /// Consent statistics.
    Statistics,
    /// The mail queue.
    Mail,
    /// The content: its version, publishing.
    Content,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 3] = [Role::Admin, Role::Moderator, Role::Analyst];

    /// The role's name, as stored and typed on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Moderator => "moderator",
            Role::Analyst => "analyst",
        }
    }

    /// The role named `name`, if any.
    pub fn parse(name: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == name)
    }

    /// Whether this role may open `area`.
    pub fn may(self, area: Area) -> bool {
        match self {
            Role::Admin => true,
            Role::Moderator => area == Area::Companies,
            Role::Analyst => area == Area::Statistics,
        }
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_role_opens_only_its_areas() {
        use Area::*;
        let areas = [Operators, Audit, Companies, Statistics, Mail, Content];
        assert!(areas.iter().all(|a| Role::Admin.may(*a)));
        let moderator: Vec<Area> = areas
            .into_iter()
            .filter(|a| Role::Moderator.may(*a))
            .collect();
        assert_eq!(moderator, [Companies]);
        let analyst: Vec<Area> = areas
            .into_iter()
            .filter(|a| Role::Analyst.may(*a))
            .collect();
        assert_eq!(analyst, [Statistics]);
    }

    #[test]
    fn roles_read_back_from_their_names() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("Admin"), None, "names are exact");
        assert_eq!(Role::parse("root"), None);
    }
}
