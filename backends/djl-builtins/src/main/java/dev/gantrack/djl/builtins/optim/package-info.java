/** The {@code ttur} types ({@code separate}, {@code two-time-scale}) and the optimizers they make (Adam, AdamW, SGD, RMSProp) with learning-rate schedules, following torch.optim's formulas. */
package dev.gantrack.djl.builtins.optim;
