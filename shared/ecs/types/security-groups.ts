/**
 * Nova security groups: server membership (§6.5) and the discarded os-security-groups (§11.3).
 */

/** A Nova security group rule. */
export interface NovaSecurityGroupRule {
  id: string;
  parent_group_id: string;
  ip_protocol: 'icmp' | 'tcp' | 'udp' | string | null;
  from_port: number | null;
  to_port: number | null;
  ip_range: { cidr?: string };
  group: { tenant_id?: string; name?: string };
}

/** A Nova security group. */
export interface NovaSecurityGroup {
  id: string;
  name: string;
  description: string;
  tenant_id: string;
  rules: NovaSecurityGroupRule[];
}

/** Result of GET .../os-security-groups lists (§6.5.3, §11.3.1). */
export interface NovaListSecurityGroupsResult {
  security_groups: NovaSecurityGroup[];
}

/** Result of create/show/update os-security-groups (§11.3.2–11.3.4). */
export interface NovaSecurityGroupResult {
  security_group: NovaSecurityGroup;
}

/** Body of POST/PUT os-security-groups (§11.3.2/11.3.4). */
export interface NovaSecurityGroupBody {
  security_group: { name: string; description: string };
}

/** Body of the addSecurityGroup action (§6.5.1); `name` is a name or UUID. */
export interface NovaAddSecurityGroupBody {
  addSecurityGroup: { name: string };
}

/** Body of the removeSecurityGroup action (§6.5.2). */
export interface NovaRemoveSecurityGroupBody {
  removeSecurityGroup: { name: string };
}

/** Body of POST /v2.1/{project_id}/os-security-group-rules (§11.3.6). */
export interface NovaCreateSecurityGroupRuleBody {
  security_group_rule: {
    parent_group_id: string;
    ip_protocol: 'icmp' | 'tcp' | 'udp';
    from_port: number | string;
    to_port: number | string;
    cidr?: string;
    group_id?: string;
  };
}

/** Result of the rule create. */
export interface NovaSecurityGroupRuleResult {
  security_group_rule: NovaSecurityGroupRule;
}
