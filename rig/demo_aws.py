"""AWS side of `make demo`, run with the moto venv's Python (boto3 comes with moto).

  setup <cluster> <nodes.yaml>
                    creates the demo VPC with two public and two private subnets tagged for
                    discovery and one instance per private subnet, writes the two kwok nodes that
                    run them (rig/kwok/stages.yaml) to nodes.yaml, and prints the VPC ID
  show              prints every load balancer with its listeners, rules, target groups and
                    registered targets, as read back from AWS
"""
import argparse
import sys

import boto3

REGION = "us-west-2"
# One node per private subnet: its instance's address and the /26 kwok hands its pods' IPs from.
NODES = [
    ("demo-node-a", "private-a", "us-west-2a", "10.0.11.10", "10.0.11.64/26"),
    ("demo-node-b", "private-b", "us-west-2b", "10.0.12.10", "10.0.12.64/26"),
]
# Pod addresses per node that get a network interface, as the VPC CNI would make (the demo runs 5 pods).
POD_INTERFACES = 16


def client(endpoint, service):
    return boto3.client(
        service,
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


def setup(ec2, cluster, nodes_file):
    for vpc in ec2.describe_vpcs(Filters=[{"Name": "tag:Name", "Values": [f"{cluster}-vpc"]}])["Vpcs"]:
        return vpc["VpcId"]  # the demo's rig is new on every run; an old VPC keeps its nodes file
    vpc_id = ec2.create_vpc(
        CidrBlock="10.0.0.0/16",
        TagSpecifications=[{"ResourceType": "vpc", "Tags": [{"Key": "Name", "Value": f"{cluster}-vpc"}]}],
    )["Vpc"]["VpcId"]
    subnets = [
        ("10.0.1.0/24", "us-west-2a", "public-a", "kubernetes.io/role/elb"),
        ("10.0.2.0/24", "us-west-2b", "public-b", "kubernetes.io/role/elb"),
        ("10.0.11.0/24", "us-west-2a", "private-a", "kubernetes.io/role/internal-elb"),
        ("10.0.12.0/24", "us-west-2b", "private-b", "kubernetes.io/role/internal-elb"),
    ]
    subnet_ids = {}
    for cidr, zone, name, role in subnets:
        subnet_ids[name] = ec2.create_subnet(
            VpcId=vpc_id,
            CidrBlock=cidr,
            AvailabilityZone=zone,
            TagSpecifications=[{
                "ResourceType": "subnet",
                "Tags": [
                    {"Key": "Name", "Value": name},
                    {"Key": role, "Value": "1"},
                    {"Key": f"kubernetes.io/cluster/{cluster}", "Value": "owned"},
                ],
            }],
        )["Subnet"]["SubnetId"]
    # The pods' network interfaces, as the VPC CNI would have made them: the TargetGroupBinding
    # controller adds its backend rules to their security group.
    nodes_sg = ec2.create_security_group(
        GroupName=f"{cluster}-nodes", Description="demo node security group", VpcId=vpc_id,
        TagSpecifications=[{"ResourceType": "security-group", "Tags": [
            {"Key": f"kubernetes.io/cluster/{cluster}", "Value": "owned"},
            {"Key": "elbv2.k8s.aws/cluster", "Value": cluster},
        ]}],
    )["GroupId"]
    nodes = []
    for name, subnet_name, zone, node_ip, pod_cidr in NODES:
        subnet = subnet_ids[subnet_name]
        instance = ec2.run_instances(ImageId="ami-03cf127a", InstanceType="t3.micro", MinCount=1, MaxCount=1,
                                     SubnetId=subnet, PrivateIpAddress=node_ip,
                                     SecurityGroupIds=[nodes_sg])["Instances"][0]["InstanceId"]
        base = pod_cidr.split("/")[0].rsplit(".", 1)
        for i in range(1, POD_INTERFACES + 1):
            ip = f"{base[0]}.{int(base[1]) + i}"
            ec2.create_network_interface(SubnetId=subnet, PrivateIpAddress=ip, Groups=[nodes_sg],
                                         Description=f"demo pod address {ip} on {name}")
        nodes.append(NODE_YAML.format(name=name, zone=zone, instance=instance, node_ip=node_ip, pod_cidr=pod_cidr))
    with open(nodes_file, "w") as out:
        out.write("---\n".join(nodes))
    return vpc_id


NODE_YAML = """apiVersion: v1
kind: Node
metadata:
  name: {name}
  annotations:
    kwok.x-k8s.io/node: fake
    rig.lbc.io/internal-ip: {node_ip}
  labels:
    kubernetes.io/hostname: {name}
    kubernetes.io/os: linux
    topology.kubernetes.io/zone: {zone}
    node.kubernetes.io/instance-type: t3.micro
spec:
  providerID: aws:///{zone}/{instance}
  podCIDR: {pod_cidr}
  podCIDRs: [{pod_cidr}]
"""


def show(endpoint):
    elbv2 = client(endpoint, "elbv2")
    lbs = elbv2.describe_load_balancers()["LoadBalancers"]
    if not lbs:
        print("no load balancer yet")
    for lb in lbs:
        print(f"\n{lb['Type'].upper()} {lb['LoadBalancerName']} ({lb['Scheme']})")
        print(f"  DNS name : {lb['DNSName']}")
        print(f"  subnets  : {', '.join(z['SubnetId'] for z in lb['AvailabilityZones'])}")
        if lb.get("SecurityGroups"):
            print(f"  security groups: {', '.join(lb['SecurityGroups'])}")
        for listener in elbv2.describe_listeners(LoadBalancerArn=lb["LoadBalancerArn"])["Listeners"]:
            print(f"  listener {listener['Protocol']}:{listener['Port']} default -> {describe_actions(listener['DefaultActions'])}")
            rules = elbv2.describe_rules(ListenerArn=listener["ListenerArn"])["Rules"]
            for rule in sorted((r for r in rules if not r["IsDefault"]), key=lambda r: int(r["Priority"])):
                conditions = "; ".join(describe_condition(c) for c in rule["Conditions"])
                print(f"    rule {rule['Priority']}: {conditions} -> {describe_actions(rule['Actions'])}")
    ec2 = client(endpoint, "ec2")
    for group in ec2.describe_security_groups(Filters=[{"Name": "group-name", "Values": ["*-nodes"]}])["SecurityGroups"]:
        rules = [f"{p.get('IpProtocol')} {p.get('FromPort')}-{p.get('ToPort')} from "
                 + ", ".join([g["GroupId"] for g in p.get("UserIdGroupPairs", [])] + [r["CidrIp"] for r in p.get("IpRanges", [])])
                 for p in group.get("IpPermissions", [])]
        print(f"\nnode security group {group['GroupId']} inbound: {'; '.join(rules) or 'none'}")
    for tg in elbv2.describe_target_groups()["TargetGroups"]:
        targets = elbv2.describe_target_health(TargetGroupArn=tg["TargetGroupArn"])["TargetHealthDescriptions"]
        listed = ", ".join(f"{t['Target']['Id']}:{t['Target'].get('Port')} ({t['TargetHealth']['State']})" for t in targets)
        print(f"\ntarget group {tg['TargetGroupName']} {tg['Protocol']} {tg['TargetType']}, health check "
              f"{tg.get('HealthCheckProtocol')} {tg.get('HealthCheckPath') or ''} port {tg.get('HealthCheckPort')}")
        print(f"  targets: {listed or 'none'}")


def describe_actions(actions):
    parts = []
    for action in actions:
        kind = action["Type"]
        if kind == "forward":
            groups = action.get("ForwardConfig", {}).get("TargetGroups") or [{"TargetGroupArn": action.get("TargetGroupArn")}]
            parts.append("forward " + ", ".join(g["TargetGroupArn"].split("/")[-2] for g in groups))
        elif kind == "redirect":
            config = action["RedirectConfig"]
            parts.append(f"redirect {config.get('Protocol')}:{config.get('Port')} {config.get('StatusCode')}")
        else:
            config = action.get("FixedResponseConfig", {})
            parts.append(f"fixed {config.get('StatusCode')}")
    return "; ".join(parts)


def describe_condition(condition):
    field = condition["Field"]
    config = {
        "host-header": "HostHeaderConfig", "path-pattern": "PathPatternConfig",
        "http-request-method": "HttpRequestMethodConfig", "source-ip": "SourceIpConfig",
    }.get(field)
    values = condition.get(config, {}).get("Values") if config else None
    return f"{field} {values or condition.get('Values')}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", required=True)
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("setup")
    s.add_argument("cluster")
    s.add_argument("nodes_file")
    sub.add_parser("show")
    args = parser.parse_args()
    if args.command == "setup":
        print(setup(client(args.endpoint, "ec2"), args.cluster, args.nodes_file))
    elif args.command == "show":
        show(args.endpoint)
    return 0


if __name__ == "__main__":
    sys.exit(main())
