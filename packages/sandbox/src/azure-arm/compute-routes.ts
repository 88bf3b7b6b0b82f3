import { armErrors } from './arm-error';
import {
  findVm,
  is,
  jsonBody,
  page,
  type ArmContext,
  type ArmReply,
  type ArmRequest,
} from './arm-context';
import type { ArmVm } from './arm-estate';
import { diskJson, instanceViewJson, sizeJson, vmJson } from './arm-json';
import {
  applyPowerAction,
  applyResize,
  viewOf,
  type ArmOperation,
  type PowerAction,
} from './vm-power';
import { sizesIn } from './vm-sizes';

const POWER_ACTIONS: Readonly<Record<string, PowerAction>> = {
  start: 'start',
  poweroff: 'powerOff',
  deallocate: 'deallocate',
  restart: 'restart',
};

function renderVm(context: ArmContext, now: number, instanceView: boolean) {
  return (vm: ArmVm) => vmJson(vm, viewOf(vm, now), context.estate.disks, { instanceView, now });
}

function vmsWhere(context: ArmContext, match: (vm: ArmVm) => boolean): ArmVm[] {
  return [...context.estate.vms.values()].filter(match);
}

/**
 * The headers of an accepted long-running operation: `Azure-AsyncOperation` for its status
 * resource and `Location` for the result, both with the api-version of the request.
 */
function operationHeaders(context: ArmContext, request: ArmRequest, op: ArmOperation) {
  const apiVersion = encodeURIComponent(request.query.get('api-version') ?? '');
  const base = `${context.baseUrl}/subscriptions/${op.subscriptionId}/providers/Microsoft.Compute/locations/${op.location}/operations/${op.id}`;
  return {
    'azure-asyncoperation': `${base}?p=${op.id}&api-version=${apiVersion}`,
    location: `${base}?p=${op.id}&monitor=true&api-version=${apiVersion}`,
  };
}

function operationStatus(
  context: ArmContext,
  request: ArmRequest,
  sub: string,
  id: string,
): ArmReply {
  const op = context.operations.get(id);
  if (!op || op.subscriptionId !== sub) throw armErrors.notFound('operations', id);
  const done = request.now >= op.endsAt;
  // `monitor=true` is the Location URL: 202 while running, then the (empty) result.
  if (request.query.get('monitor') === 'true') return done ? { status: 200 } : { status: 202 };
  return {
    status: 200,
    json: {
      name: op.id,
      status: done ? 'Succeeded' : 'InProgress',
      startTime: new Date(op.startedAt).toISOString(),
      ...(done ? { endTime: new Date(op.endsAt).toISOString() } : {}),
    },
  };
}

function vmRoutes(context: ArmContext, request: ArmRequest, vm: ArmVm, rest: string[]): ArmReply {
  const { method, now } = request;
  const [action, ...more] = rest;
  if (action === undefined) {
    if (method === 'GET') {
      const expand = request.query.get('$expand');
      return { status: 200, json: renderVm(context, now, is(expand ?? '', 'instanceView'))(vm) };
    }
    if (method === 'PATCH' || method === 'PUT') {
      const body = jsonBody(request);
      const properties = body.properties;
      const hardware =
        typeof properties === 'object' && properties !== null
          ? (properties as Record<string, unknown>).hardwareProfile
          : undefined;
      const size =
        typeof hardware === 'object' && hardware !== null
          ? (hardware as Record<string, unknown>).vmSize
          : undefined;
      if (size !== undefined && typeof size !== 'string')
        throw armErrors.invalidParameter('properties.hardwareProfile.vmSize must be a string.');
      const op = size === undefined ? null : applyResize(vm, size, now, context.transitionMs);
      if (body.tags !== undefined) {
        if (typeof body.tags !== 'object' || body.tags === null || Array.isArray(body.tags))
          throw armErrors.invalidParameter('tags must be an object of strings.');
        const tags = Object.entries(body.tags as Record<string, unknown>);
        if (tags.some(([, value]) => typeof value !== 'string'))
          throw armErrors.invalidParameter('tags must be an object of strings.');
        vm.tags = Object.fromEntries(tags) as Record<string, string>;
      }
      if (op) context.operations.set(op.id, op);
      return {
        status: 200,
        json: renderVm(context, now, false)(vm),
        // An update is followed at the resource itself once done, so no Location is sent.
        headers: op
          ? {
              'azure-asyncoperation': operationHeaders(context, request, op)[
                'azure-asyncoperation'
              ],
            }
          : {},
      };
    }
    throw armErrors.badMethod(method);
  }
  if (more.length > 0) throw armErrors.noRoute(request.segments.join('/'));
  const power = POWER_ACTIONS[action.toLowerCase()];
  if (power) {
    if (method !== 'POST') throw armErrors.badMethod(method);
    const op = applyPowerAction(vm, power, now, context.transitionMs);
    context.operations.set(op.id, op);
    return { status: 202, headers: operationHeaders(context, request, op) };
  }
  if (method !== 'GET') throw armErrors.badMethod(method);
  if (is(action, 'instanceView'))
    return { status: 200, json: instanceViewJson(vm, viewOf(vm, now), now) };
  if (is(action, 'vmSizes'))
    return { status: 200, json: { value: sizesIn(vm.location).map(sizeJson) } };
  throw armErrors.noRoute(request.segments.join('/'));
}

function diskOwner(context: ArmContext, managedBy: string | null, now: number) {
  const vm = managedBy ? context.estate.vms.get(managedBy.toLowerCase()) : undefined;
  return vm ? { view: viewOf(vm, now) } : null;
}

/**
 * Microsoft.Compute routes below `/subscriptions/{s}/…`: VMs (list in a subscription, a
 * location or a resource group; get, update, power actions, instance view, sizes), managed
 * disks, VM sizes of a location and the status of long-running operations.
 */
export function routeCompute(
  context: ArmContext,
  request: ArmRequest,
  sub: string,
  rest: string[],
): ArmReply {
  const { now } = request;
  const [first, second, third, fourth, fifth, sixth, ...tail] = rest;
  if (is(first, 'providers') && is(second, 'Microsoft.Compute')) {
    if (is(third, 'virtualMachines') && fourth === undefined) {
      const statusOnly = request.query.get('statusOnly') === 'true';
      return page(
        context,
        request,
        vmsWhere(context, (vm) => vm.subscriptionId === sub),
        renderVm(context, now, statusOnly),
      );
    }
    if (is(third, 'disks') && fourth === undefined) {
      const disks = [...context.estate.disks.values()].filter((d) => d.subscriptionId === sub);
      return page(context, request, disks, (d) =>
        diskJson(d, diskOwner(context, d.managedBy, now)),
      );
    }
    if (is(third, 'locations') && fourth !== undefined) {
      const location = fourth.toLowerCase();
      if (is(fifth, 'vmSizes') && sixth === undefined)
        return { status: 200, json: { value: sizesIn(location).map(sizeJson) } };
      if (is(fifth, 'virtualMachines') && sixth === undefined)
        return page(
          context,
          request,
          vmsWhere(context, (vm) => vm.subscriptionId === sub && vm.location === location),
          renderVm(context, now, false),
        );
      if (is(fifth, 'operations') && sixth !== undefined && tail.length === 0)
        return operationStatus(context, request, sub, sixth);
    }
    throw armErrors.noRoute(request.segments.join('/'));
  }
  if (
    is(first, 'resourceGroups') &&
    second !== undefined &&
    is(third, 'providers') &&
    is(fourth, 'Microsoft.Compute')
  ) {
    const group = second.toLowerCase();
    const inGroup = (item: { subscriptionId: string; resourceGroup: string }) =>
      item.subscriptionId === sub && item.resourceGroup.toLowerCase() === group;
    if (is(fifth, 'virtualMachines')) {
      if (sixth === undefined) {
        if (request.method !== 'GET') throw armErrors.badMethod(request.method);
        return page(context, request, vmsWhere(context, inGroup), renderVm(context, now, false));
      }
      return vmRoutes(context, request, findVm(context, sub, second, sixth), tail);
    }
    if (is(fifth, 'disks')) {
      const disks = [...context.estate.disks.values()].filter(inGroup);
      if (sixth === undefined)
        return page(context, request, disks, (d) =>
          diskJson(d, diskOwner(context, d.managedBy, now)),
        );
      const disk = disks.find((d) => d.name.toLowerCase() === sixth.toLowerCase());
      if (!disk || tail.length > 0) throw armErrors.notFound('Microsoft.Compute/disks', sixth);
      return { status: 200, json: diskJson(disk, diskOwner(context, disk.managedBy, now)) };
    }
  }
  throw armErrors.noRoute(request.segments.join('/'));
}
