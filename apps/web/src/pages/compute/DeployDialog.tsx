import {
  containerImageSchema,
  containerNameSchema,
  taskCpuSchema,
  taskMemorySchema,
} from '@ccx/core';
import { useState } from 'react';
import { z } from 'zod';
import { LabelledInput } from '../../components/LabelledInput';
import { consequence } from '../../compute/actions';
import { ActionDialog, type ActionDialogProps } from './ActionDialog';

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
export function DeployDialog(props: ActionDialogProps<DeployChange>) {
  const { entry, attributes, busy } = props;
  const current = taskDefinitionOf(attributes);
  const [images, setImages] = useState<Record<string, string>>(() =>
    Object.fromEntries(current.containers.map((c) => [c.name, c.image ?? ''])),
  );
  const [extra, setExtra] = useState({ name: '', image: '' });
  const [cpu, setCpu] = useState(current.cpu);
  const [memory, setMemory] = useState(current.memory);
  const { change, problem } = deployChange(current, { images, extra, cpu, memory });
  return (
    <ActionDialog
      {...props}
      title={`New revision of service ${entry.name ?? entry.id}`}
      confirmLabel="Deploy revision"
      value={change}
      problem={problem}
    >
      <p>
        Now <code>{current.taskDefinition || 'unknown task definition'}</code>.{' '}
        {consequence('compute.deploy', entry)}
      </p>
      <div className="stacked-form" data-testid="deploy-form">
        {current.containers.map((container) => (
          <div key={container.name} data-testid="container-row">
            <LabelledInput
              label={`Image of ${container.name}`}
              value={images[container.name] ?? ''}
              disabled={busy}
              maxLength={255}
              onText={(image) => setImages((all) => ({ ...all, [container.name]: image }))}
            />
          </div>
        ))}
        {current.containers.length === 0 ? (
          <>
            <span className="muted">
              The inventory does not know this task definition&apos;s containers: name one to change
              its image, or change CPU and memory only.
            </span>
            <LabelledInput
              label="Container name"
              value={extra.name}
              disabled={busy}
              maxLength={255}
              onText={(name) => setExtra((e) => ({ ...e, name }))}
            />
            <LabelledInput
              label="Image"
              value={extra.image}
              placeholder="registry/name:tag"
              disabled={busy}
              maxLength={255}
              onText={(image) => setExtra((e) => ({ ...e, image }))}
            />
          </>
        ) : null}
        <LabelledInput
          label="Task CPU (units)"
          value={cpu}
          inputMode="numeric"
          disabled={busy}
          onText={setCpu}
        />
        <LabelledInput
          label="Task memory (MiB)"
          value={memory}
          inputMode="numeric"
          disabled={busy}
          onText={setMemory}
        />
      </div>
    </ActionDialog>
  );
}
