import {
  containerImageSchema,
  containerNameSchema,
  taskCpuSchema,
  taskMemorySchema,
} from '@ccx/core';
import { useId, useState } from 'react';
import { z } from 'zod';
import type { ComputeEntry } from '../../api/schemas/compute';
import { consequence } from '../../compute/actions';
import { Modal } from '../storage/Modal';

/** What a deploy sends: only the fields that change. */
export interface DeployChange {
  images?: Record<string, string>;
  cpu?: string;
  memory?: string;
}

const containersSchema = z
  .array(z.object({ name: z.string(), image: z.string().nullable().catch(null) }))
  .catch([]);

/** The containers, CPU and memory of the service's task definition, as the inventory keeps them. */
export function taskDefinitionOf(attributes: Record<string, unknown>) {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return {
    taskDefinition: text(attributes['taskDefinition']),
    containers: containersSchema.parse(attributes['containers'] ?? []),
    cpu: text(attributes['taskCpu']),
    memory: text(attributes['taskMemory']),
  };
}

/**
 * What the form asks for, checked as the server checks it: each image that differs from the
 * current one (and, when the inventory knows no containers, one named by hand), CPU and memory
 * when changed. `problem` names the first field the server would refuse.
 */
export function deployChange(
  current: ReturnType<typeof taskDefinitionOf>,
  form: {
    images: Record<string, string>;
    extra: { name: string; image: string };
    cpu: string;
    memory: string;
  },
): { change: DeployChange | null; problem: string | null } {
  const images: Record<string, string> = {};
  for (const container of current.containers) {
    const wanted = (form.images[container.name] ?? container.image ?? '').trim();
    if (wanted === (container.image ?? '')) continue;
    if (!containerImageSchema.safeParse(wanted).success)
      return { change: null, problem: `Not an image reference for ${container.name}.` };
    images[container.name] = wanted;
  }
  const extraName = form.extra.name.trim();
  const extraImage = form.extra.image.trim();
  if (extraName || extraImage) {
    if (!containerNameSchema.safeParse(extraName).success)
      return { change: null, problem: 'Not a container name (letters, digits, - and _).' };
    if (!containerImageSchema.safeParse(extraImage).success)
      return { change: null, problem: `Not an image reference for ${extraName}.` };
    images[extraName] = extraImage;
  }
  const cpu = form.cpu.trim();
  const memory = form.memory.trim();
  if (cpu !== current.cpu && !taskCpuSchema.safeParse(cpu).success)
    return { change: null, problem: 'CPU is a number of units, such as 256 or 1024.' };
  if (memory !== current.memory && !taskMemorySchema.safeParse(memory).success)
    return { change: null, problem: 'Memory is a number of MiB, such as 512 or 2048.' };
  const change: DeployChange = {
    ...(Object.keys(images).length > 0 ? { images } : {}),
    ...(cpu !== current.cpu ? { cpu } : {}),
    ...(memory !== current.memory ? { memory } : {}),
  };
  return { change: Object.keys(change).length > 0 ? change : null, problem: null };
}

/**
 * A new revision of a service's task definition: its container images prefilled from the
 * inventory, with task CPU and memory. Only what changes is sent; the dialog is the
 * confirmation, and says what the deploy will do first.
 */
export function DeployDialog({
  entry,
  attributes,
  busy,
  error,
  onCancel,
  onConfirm,
}: {
  entry: ComputeEntry;
  attributes: Record<string, unknown>;
  busy: boolean;
  error: string | null;
  onCancel: () => void;
  onConfirm: (change: DeployChange) => void;
}) {
  const ids = useId();
  const current = taskDefinitionOf(attributes);
  const [images, setImages] = useState<Record<string, string>>(() =>
    Object.fromEntries(current.containers.map((c) => [c.name, c.image ?? ''])),
  );
  const [extra, setExtra] = useState({ name: '', image: '' });
  const [cpu, setCpu] = useState(current.cpu);
  const [memory, setMemory] = useState(current.memory);
  const { change, problem } = deployChange(current, { images, extra, cpu, memory });
  return (
    <Modal title={`New revision of service ${entry.name ?? entry.id}`} onClose={onCancel}>
      <p>
        Now <code>{current.taskDefinition || 'unknown task definition'}</code>.{' '}
        {consequence('compute.deploy', entry)}
      </p>
      <div className="stacked-form" data-testid="deploy-form">
        {current.containers.map((container, index) => (
          <div key={container.name} data-testid="container-row">
            <label htmlFor={`${ids}-image-${index}`}>Image of {container.name}</label>
            <input
              id={`${ids}-image-${index}`}
              value={images[container.name] ?? ''}
              disabled={busy}
              maxLength={255}
              onChange={(event) =>
                setImages((all) => ({ ...all, [container.name]: event.target.value }))
              }
            />
          </div>
        ))}
        {current.containers.length === 0 ? (
          <>
            <span className="muted">
              The inventory does not know this task definition&apos;s containers: name one to change
              its image, or change CPU and memory only.
            </span>
            <label htmlFor={`${ids}-name`}>Container name</label>
            <input
              id={`${ids}-name`}
              value={extra.name}
              disabled={busy}
              maxLength={255}
              onChange={(event) => setExtra((e) => ({ ...e, name: event.target.value }))}
            />
            <label htmlFor={`${ids}-extra-image`}>Image</label>
            <input
              id={`${ids}-extra-image`}
              value={extra.image}
              placeholder="registry/name:tag"
              disabled={busy}
              maxLength={255}
              onChange={(event) => setExtra((e) => ({ ...e, image: event.target.value }))}
            />
          </>
        ) : null}
        <label htmlFor={`${ids}-cpu`}>Task CPU (units)</label>
        <input
          id={`${ids}-cpu`}
          value={cpu}
          inputMode="numeric"
          disabled={busy}
          onChange={(event) => setCpu(event.target.value)}
        />
        <label htmlFor={`${ids}-memory`}>Task memory (MiB)</label>
        <input
          id={`${ids}-memory`}
          value={memory}
          inputMode="numeric"
          disabled={busy}
          onChange={(event) => setMemory(event.target.value)}
        />
      </div>
      {problem ? (
        <p className="inline-error" role="alert">
          {problem}
        </p>
      ) : null}
      {error ? (
        <p className="inline-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="modal-actions">
        <button type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button
          type="button"
          className="danger"
          disabled={busy || change === null}
          onClick={() => change && onConfirm(change)}
        >
          {busy ? 'Working…' : 'Deploy revision'}
        </button>
      </div>
    </Modal>
  );
}
