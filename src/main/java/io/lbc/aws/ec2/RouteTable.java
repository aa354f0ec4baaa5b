package io.lbc.aws.ec2;

import java.util.List;

/**
 * A route table of a VPC: which subnets it is explicitly associated with, whether it is the VPC's
 * main table, and the gateways its routes point at (e.g. {@code igw-…}).
 */
public record RouteTable(
    String routeTableId, boolean main, List<String> subnetIds, List<String> gatewayIds) {}
