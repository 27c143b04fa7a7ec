// @vitest-environment jsdom
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { useState } from 'react';
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import enCommon from '@locales/en/common.json';
import itCommon from '@locales/it/common.json';
import { ConfirmAction, type ConfirmActionProps } from './confirm-action';

beforeAll(async () => {
  await i18next.use(initReactI18next).init({ lng: 'en', resources: { en: { common: enCommon }, it: { common: itCommon } }, defaultNS: 'common', react: { useSuspense: false } });
});

/** A caller like the pages': the action's row goes once it is done. */
function Row(props: Partial<ConfirmActionProps> & { onConfirm: () => void }) {
  return <ConfirmAction label="Remove Tom Reed" question="Remove Tom Reed? He is signed out at once." yes="Yes, remove" {...props} />;
}

describe('ConfirmAction', () => {
  it('asks first: the focus goes to No with the question, and back to the button when answered No', async () => {
    const onConfirm = vi.fn();
    render(<Row onConfirm={onConfirm} />);
    await userEvent.click(screen.getByRole('button', { name: 'Remove Tom Reed' }));
    const group = screen.getByRole('group', { name: 'Remove Tom Reed' });
    expect(group).toHaveTextContent('Remove Tom Reed? He is signed out at once.');
    const no = screen.getByRole('button', { name: 'Cancel' });
    expect(no).toHaveFocus();
    expect(no).toHaveAccessibleDescription('Remove Tom Reed? He is signed out at once.');
    await userEvent.keyboard('{Enter}');
    expect(screen.queryByRole('group')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Remove Tom Reed' })).toHaveFocus();
    expect(onConfirm).not.toHaveBeenCalled();
  });

  it('Yes does it; the focus is not moved before anything was asked', async () => {
    const onConfirm = vi.fn();
    render(<Row onConfirm={onConfirm} no="No, keep" layout="inline" />);
    expect(document.body).toHaveFocus();
    await userEvent.click(screen.getByRole('button', { name: 'Remove Tom Reed' }));
    expect(screen.getByRole('button', { name: 'No, keep' })).toHaveFocus();
    expect(screen.getByRole('group', { name: 'Remove Tom Reed' }).tagName).toBe('SPAN');
    await userEvent.click(screen.getByRole('button', { name: 'Yes, remove' }));
    expect(onConfirm).toHaveBeenCalledTimes(1);
  });

  it('while busy Yes does nothing and keeps the focus', async () => {
    const onConfirm = vi.fn();
    function Busy() {
      const [busy, setBusy] = useState(false);
      return (
        <Row
          busy={busy}
          onConfirm={() => {
            onConfirm();
            setBusy(true);
          }}
        />
      );
    }
    render(<Busy />);
    await userEvent.click(screen.getByRole('button', { name: 'Remove Tom Reed' }));
    const yes = screen.getByRole('button', { name: 'Yes, remove' });
    await userEvent.click(yes);
    expect(onConfirm).toHaveBeenCalledTimes(1);
    expect(yes).toHaveAttribute('aria-disabled', 'true');
    expect(yes).toHaveFocus();
    await userEvent.click(yes);
    expect(onConfirm).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('announces a failure as an alert inside the question, with Yes usable again', async () => {
    const onConfirm = vi.fn();
    const view = render(<Row onConfirm={onConfirm} busy />);
    await userEvent.click(screen.getByRole('button', { name: 'Remove Tom Reed' }));
    view.rerender(<Row onConfirm={onConfirm} error="The server did not answer. Try again." />);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('The server did not answer. Try again.');
    expect(screen.getByRole('group', { name: 'Remove Tom Reed' })).toContainElement(alert);
    const yes = screen.getByRole('button', { name: 'Yes, remove' });
    expect(yes).not.toHaveAttribute('aria-disabled');
    await userEvent.click(yes);
    expect(onConfirm).toHaveBeenCalledTimes(1);
  });

  it("after Yes, when the row goes, puts the focus on the list's heading, not the page's body", async () => {
    function Members() {
      const [rows, setRows] = useState(['Tom Reed', 'Ann Lee']);
      return (
        <main>
          <h1>Your organisation</h1>
          <h2>Members</h2>
          <ul>
            {rows.map((name) => (
              <li key={name}>
                <ConfirmAction label={`Remove ${name}`} question={`Remove ${name}?`} yes="Yes, remove" onConfirm={() => setRows((r) => r.filter((n) => n !== name))} />
              </li>
            ))}
          </ul>
          <h2>Invite someone</h2>
        </main>
      );
    }
    render(<Members />);
    await userEvent.click(screen.getByRole('button', { name: 'Remove Ann Lee' }));
    await userEvent.click(screen.getByRole('button', { name: 'Yes, remove' }));
    expect(screen.queryByRole('button', { name: 'Remove Ann Lee' })).not.toBeInTheDocument();
    const heading = screen.getByRole('heading', { name: 'Members' });
    expect(heading).toHaveFocus();
    expect(heading).toHaveAttribute('tabindex', '-1');
    // The same for the next one: the rule does not depend on where in the list the row was.
    await userEvent.click(screen.getByRole('button', { name: 'Remove Tom Reed' }));
    await userEvent.click(screen.getByRole('button', { name: 'Yes, remove' }));
    expect(heading).toHaveFocus();
  });

  it("when the list's heading goes with its last row, puts the focus on the page's h1", async () => {
    function Invitations() {
      const [rows, setRows] = useState(['Ann Lee']);
      return (
        <main>
          <h1>Your organisation</h1>
          <h2>Members</h2>
          {rows.length > 0 && (
            <section>
              <h2>Invitations</h2>
              {rows.map((name) => (
                <ConfirmAction key={name} label={`Withdraw ${name}`} question={`Withdraw ${name}?`} yes="Yes, withdraw" onConfirm={() => setRows([])} />
              ))}
            </section>
          )}
        </main>
      );
    }
    render(<Invitations />);
    await userEvent.click(screen.getByRole('button', { name: 'Withdraw Ann Lee' }));
    await userEvent.click(screen.getByRole('button', { name: 'Yes, withdraw' }));
    expect(screen.queryByRole('heading', { name: 'Invitations' })).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Your organisation' })).toHaveFocus();
  });

  it('moves no focus when the control goes after it was answered No (even after a Yes that failed)', async () => {
    const page = (shown: boolean) => (
      <main>
        <h2>Members</h2>
        {shown && <ConfirmAction label="Remove Tom Reed" question="Remove Tom Reed?" yes="Yes, remove" onConfirm={vi.fn()} />}
      </main>
    );
    const view = render(page(true));
    await userEvent.click(screen.getByRole('button', { name: 'Remove Tom Reed' }));
    await userEvent.click(screen.getByRole('button', { name: 'Yes, remove' }));
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.getByRole('button', { name: 'Remove Tom Reed' })).toHaveFocus();
    view.rerender(page(false));
    expect(document.body).toHaveFocus();
    expect(screen.getByRole('heading', { name: 'Members' })).not.toHaveAttribute('tabindex');
  });

  it('moves no focus when, after Yes failed, the user went on elsewhere before the control went', async () => {
    function Page() {
      const [shown, setShown] = useState(true);
      return (
        <main>
          <h2>Members</h2>
          {shown && <ConfirmAction label="Remove Tom Reed" question="Remove Tom Reed?" yes="Yes, remove" error="The server did not answer." onConfirm={vi.fn()} />}
          <button type="button" onClick={() => setShown(false)}>
            Elsewhere
          </button>
        </main>
      );
    }
    render(<Page />);
    await userEvent.click(screen.getByRole('button', { name: 'Remove Tom Reed' }));
    await userEvent.click(screen.getByRole('button', { name: 'Yes, remove' }));
    await userEvent.click(screen.getByRole('button', { name: 'Elsewhere' }));
    expect(screen.queryByRole('group')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Elsewhere' })).toHaveFocus();
  });

  it('says No in Italian from the one shared key', async () => {
    await i18next.changeLanguage('it');
    try {
      render(<Row onConfirm={vi.fn()} tone="primary" />);
      await userEvent.click(screen.getByRole('button', { name: 'Remove Tom Reed' }));
      expect(screen.getByRole('button', { name: 'Annulli' })).toHaveFocus();
      expect(screen.getByRole('button', { name: 'Yes, remove' })).toHaveClass('button');
      expect(screen.getByRole('button', { name: 'Yes, remove' })).not.toHaveClass('button-warning');
    } finally {
      await act(() => i18next.changeLanguage('en'));
    }
  });
});
