/**
 * The {@code itkm} command line (picocli): one command class per verb, each a thin layer over the
 * library that parses options, calls it and prints what it wrote.
 *
 * <p>May import (of org.itkm): any org.itkm package; nothing imports cli.
 */
package org.itkm.cli;
