/**
 * Typed run configuration: defaults, profiles (smoke, quick, rehearsal, paper), YAML files and
 * key=value overrides bound into validated records.
 *
 * <p>May import (of org.itkm): artifact, data, synth, io.
 */
package org.itkm.config;
