# ignores done and bootstraps from the next state even when it is terminal
import numpy as np


def q_update(Q, s, a, r, s_next, done, alpha, gamma):
    target = r + gamma * np.max(Q[s_next])
    delta = target - Q[s, a]
    Q[s, a] += alpha * delta
    return float(delta)


def greedy_policy(Q):
    return np.argmax(np.asarray(Q), axis=1).astype(int)  # argmax returns the first maximum


def q_learning(next_state, reward, terminal, start, n_episodes, alpha=0.5, gamma=0.9,
               epsilon=0.2, max_steps=100, seed=0):
    next_state = np.asarray(next_state)
    reward = np.asarray(reward, dtype=float)
    terminal = np.asarray(terminal, dtype=bool)
    if next_state.ndim != 2 or reward.shape != next_state.shape or terminal.shape != (next_state.shape[0],):
        raise ValueError("next_state and reward must be (S, A) and terminal (S,)")
    n_states, n_actions = next_state.shape
    if not 0 <= start < n_states or terminal[start]:
        raise ValueError("start must be a non-terminal state")
    if not 0 < alpha <= 1 or not 0 <= gamma < 1 or not 0 <= epsilon <= 1:
        raise ValueError("need alpha in (0, 1], gamma in [0, 1) and epsilon in [0, 1]")
    rng = np.random.default_rng(seed)
    Q = np.zeros((n_states, n_actions))
    for _ in range(n_episodes):
        s = start
        for _ in range(max_steps):
            if rng.random() < epsilon:
                a = int(rng.integers(n_actions))
            else:
                a = int(np.argmax(Q[s]))
            s_next = int(next_state[s, a])
            q_update(Q, s, a, reward[s, a], s_next, terminal[s_next], alpha, gamma)
            s = s_next
            if terminal[s]:
                break
    return Q
