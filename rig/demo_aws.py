"""AWS side of `make demo`, run with the moto venv's Python (boto3 comes with moto).

  setup <cluster>   creates the demo VPC with two public and two private subnets tagged for
                    discovery, and prints the VPC ID
"""
import argparse
import sys

import boto3

REGION = "us-west-2"


def client(endpoint, service):
    return boto3.client(
        service,
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


def setup(ec2, cluster):
    for vpc in ec2.describe_vpcs(Filters=[{"Name": "tag:Name", "Values": [f"{cluster}-vpc"]}])["Vpcs"]:
        return vpc["VpcId"]
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
    for cidr, zone, name, role in subnets:
        ec2.create_subnet(
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
        )
    return vpc_id


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", required=True)
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("setup")
    s.add_argument("cluster")
    args = parser.parse_args()
    if args.command == "setup":
        print(setup(client(args.endpoint, "ec2"), args.cluster))
    return 0


if __name__ == "__main__":
    sys.exit(main())
